import { readFile } from 'node:fs/promises';
import { launchChromium, serveLoopbackPages } from '@legato/testkit';
import { encodeClearKeyLicense, parseClearKeyRequest } from '../core/clearkey-json.js';
import { CLEARKEY_MSE_PLAYER_SCRIPT } from './clearkey-mse-player-script.js';

/** What the in-page player reports. */
export interface ChromiumPlaybackResult {
  readonly reachedS: number;
  readonly keyStatuses: readonly string[];
  readonly encryptedEvents: number;
  readonly licenseRequests: number;
  readonly error: string | null;
  readonly buffered: readonly (readonly [number, number])[];
  /** Key ids Chromium's ClearKey CDM asked the loopback license server for. */
  readonly requestedKids: readonly string[];
  readonly pageErrors: readonly string[];
}

/**
 * Serves one protected representation over loopback, plays it in headless Chromium with MSE
 * + EME `org.w3.clearkey` (license from a loopback POST endpoint) until `targetS`.
 */
export async function playInChromium(options: {
  readonly chromiumPath: string;
  /** The protected file: a path, or its bytes. */
  readonly media: string | Uint8Array;
  readonly codecs: string;
  readonly initEndByte: number;
  readonly segments: readonly { readonly startByte: number; readonly endByte: number }[];
  readonly kid: string;
  readonly key: string;
  readonly targetS: number;
  readonly playbackRate: number;
  /** Where playback starts, seconds (the first appended segment's start). @default 0 */
  readonly startS?: number;
}): Promise<ChromiumPlaybackResult> {
  const requestedKids: string[] = [];
  const server = await serveLoopbackPages({
    '/': { body: '<!doctype html><title>legato clearkey proof</title>', contentType: 'text/html' },
    '/favicon.ico': { body: new Uint8Array(0), contentType: 'image/x-icon' },
    '/media.mp4': {
      body:
        typeof options.media === 'string'
          ? new Uint8Array(await readFile(options.media))
          : options.media,
      contentType: 'audio/mp4',
    },
    '/license': {
      post: (body) => {
        const { kids } = parseClearKeyRequest(body);
        requestedKids.push(...kids);
        const keys = kids
          .filter((kid) => kid === options.kid)
          .map((kid) => ({ kid, key: options.key }));
        return { body: encodeClearKeyLicense({ keys }), contentType: 'application/json' };
      },
    },
  });
  const chromium = await launchChromium({ executablePath: options.chromiumPath });
  try {
    const page = await chromium.newPage();
    await page.goto(server.url('/'));
    const plan = {
      mime: `audio/mp4; codecs="${options.codecs}"`,
      mediaUrl: server.url('/media.mp4'),
      licenseUrl: server.url('/license'),
      init: [0, options.initEndByte],
      segments: options.segments.map((s) => [s.startByte, s.endByte]),
      playbackRate: options.playbackRate,
      targetS: options.targetS,
      startS: options.startS ?? 0,
      timeoutMs: 40_000,
    };
    const result = (await page.evaluate(
      `(${CLEARKEY_MSE_PLAYER_SCRIPT})(${JSON.stringify(plan)})`,
    )) as Omit<ChromiumPlaybackResult, 'requestedKids' | 'pageErrors'>;
    return { ...result, requestedKids, pageErrors: [...chromium.pageErrors] };
  } finally {
    await chromium.close();
    await server.close();
  }
}
