import { resolve } from 'node:path';
import type { Trace } from '@legato/sim';
import type { DemoMedia } from '../demo-media.js';
import { runBrowserDemo } from './run-browser-demo.js';

/** Options of {@link browserDemo}. */
export interface BrowserDemoCommandOptions {
  readonly speed: number;
  readonly trace?: Trace;
  /** The track (see `chooseDemoMedia`). @default the committed tone fixture `tone-a` */
  readonly media?: DemoMedia;
  /** Whether Chromium runs without a window (`--headed` turns it off). */
  readonly headless: boolean;
  /** @default legato-demo-browser.png */
  readonly screenshot?: string;
  readonly json: boolean;
  readonly out: NodeJS.WritableStream;
}

/** `legato demo --browser [--headed]`: runs the browser demo, prints progress and where the screenshot is. */
export async function browserDemo(options: BrowserDemoCommandOptions): Promise<number> {
  const screenshotPath = resolve(options.screenshot ?? 'legato-demo-browser.png');
  let lastLine = '';
  const result = await runBrowserDemo({
    screenshotPath,
    speed: options.speed,
    headless: options.headless,
    ...(options.trace ? { trace: options.trace } : {}),
    ...(options.media ? { media: options.media } : {}),
    onSnapshot: (s) => {
      if (options.json) return;
      const line = `  ${s.positionS.toFixed(0).padStart(3)} / ${s.durationS.toFixed(0)} s  ${s.status.padEnd(8)} ${(s.representationId ?? '—').padEnd(12)} license ${s.license}`;
      if (line !== lastLine) options.out.write(`${line}\n`);
      lastLine = line;
    },
  });
  if (options.json) {
    options.out.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    options.out.write(`\nlegato demo --browser (Chromium, EME org.w3.clearkey + MSE)\n`);
    if (options.media) options.out.write(`  track         ${options.media.description}\n`);
    const playable = result.snapshot.rungs.filter((r) => r.playable).map((r) => r.id);
    if (playable.length) options.out.write(`  playable      ${playable.join(', ')}\n`);
    for (const r of result.snapshot.rungs.filter((x) => !x.playable))
      options.out.write(`  left out      ${r.id}: ${r.reason}\n`);
    options.out.write(
      `  played to     ${result.snapshot.positionS.toFixed(1)} / ${result.snapshot.durationS.toFixed(1)} s (${result.snapshot.status})\n`,
    );
    options.out.write(`  qualities     ${result.snapshot.switches.join(' → ')}\n`);
    options.out.write(
      `  license       ${result.snapshot.license} (${result.licenseRequests} request)\n`,
    );
    for (const e of [...result.snapshot.errors, ...result.pageErrors])
      options.out.write(`  error: ${e}\n`);
    options.out.write(`  screenshot    ${result.screenshotPath}\n`);
    options.out.write(result.ok ? 'OK: played to the end in the browser\n' : 'FAILED\n');
  }
  return result.ok ? 0 : 1;
}
