import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LegatoError } from '@legato/errors';
import type { BrowserContext, Page } from 'playwright-core';
import { findChromium } from './find-chromium.js';

/** The Chromium flags legato's browser tests run with (headless, no sandbox, autoplay allowed). */
export const CHROMIUM_TEST_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Options of {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** Chromium executable. @default the result of `findChromium()` */
  readonly executablePath?: string;
  /** Extra command-line flags after {@link CHROMIUM_TEST_FLAGS}. @default [] */
  readonly extraArgs?: readonly string[];
  /** Launch timeout. @default 30000 */
  readonly timeoutMs?: number;
  /**
   * Run without a window. `false` opens a visible window (needs a display): the same profile,
   * flags and error collection, without `--headless`.
   * @default true
   */
  readonly headless?: boolean;
}

/** A running Chromium (headless unless asked) with a fresh profile; `close()` kills it and deletes the profile. */
export interface ChromiumHandle {
  /** The Playwright browser context (one persistent profile). */
  readonly context: BrowserContext;
  /** The fresh profile directory (`--user-data-dir`); deleted by `close()`. */
  readonly userDataDir: string;
  /** Opens a page; console errors and page errors are collected in `pageErrors`. */
  newPage(): Promise<Page>;
  /** Uncaught page errors and `console.error` lines seen so far, in order. */
  readonly pageErrors: readonly string[];
  close(): Promise<void>;
}

/**
 * Launches Chromium (headless by default) through `playwright-core` with a fresh `--user-data-dir`.
 * Throws `BROWSER_UNAVAILABLE` when no executable is found.
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<ChromiumHandle> {
  let executablePath = options.executablePath;
  if (executablePath === undefined) {
    const location = findChromium();
    if (!location.available) throw new LegatoError('BROWSER_UNAVAILABLE', location.reason);
    executablePath = location.executablePath;
  }
  const headless = options.headless ?? true;
  const { chromium } = await import('playwright-core');
  const userDataDir = await mkdtemp(join(tmpdir(), 'legato-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless,
      args: [
        ...CHROMIUM_TEST_FLAGS.filter((flag) => headless || flag !== '--headless'),
        ...(options.extraArgs ?? []),
      ],
      timeout: options.timeoutMs ?? 30_000,
    });
  } catch (cause) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new LegatoError('BROWSER_UNAVAILABLE', `Chromium at ${executablePath} failed to launch`, {
      cause,
    });
  }
  const pageErrors: string[] = [];
  let closed = false;
  return {
    context,
    userDataDir,
    pageErrors,
    async newPage() {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
      });
      return page;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
