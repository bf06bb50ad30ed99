import { writeFileSync } from 'node:fs';
import { LegatoError } from '@legato/errors';
import { Command } from 'commander';
import { writableFilePath } from '../_internal/check-path.js';
import { importOptional } from '../_internal/import-optional.js';
import { loadTrace } from '../_internal/load-trace.js';
import { parseNumber } from '../_internal/parse-number.js';
import type { CommandFactory } from '../command.js';
import { createProgressReporter } from '../demo/progress-reporter.js';
import { renderDemoReport } from '../demo/report-html.js';

/** The options of `legato demo`, as commander parses them. */
interface DemoOptions {
  trace?: string;
  speed?: string;
  report?: string;
  json?: boolean;
  browser?: boolean;
  headed?: boolean;
  screenshot?: string;
  serve?: boolean;
}

/** `legato demo`: the main job. */
export const demoCommand: CommandFactory = (done) =>
  new Command('demo')
    .description(
      'play the protected track end to end on the embedded loopback sandbox: trace-shaped origin, Amazon-protocol license server, software ClearKey CDM, decrypting in-memory sink; exit code 0 only if it played to the end with every segment verified against its source',
    )
    .option(
      '--trace <file|synthetic:CLASS:SEED>',
      'network trace (default: a fluctuating one that forces up- and down-switches)',
    )
    .option('--speed <n>', 'media seconds per wall second, in (0, 100] (default 10)')
    .option(
      '--report <file.html>',
      'HTML report with plots over time (default legato-demo-report.html)',
    )
    .option('--json', 'print the metrics and timeline as JSON instead of the summary')
    .option(
      '--browser',
      'play in Chromium instead (the engine over EME org.w3.clearkey + MSE, with a player UI), headless',
    )
    .option('--headed', 'with --browser: show the window (needs a display)')
    .option(
      '--serve',
      'serve the player page with live plots on 127.0.0.1 for your own browser (speed 1 unless --speed; Ctrl-C stops)',
    )
    .option(
      '--screenshot <file.png>',
      'with --browser: where the screenshot goes (default legato-demo-browser.png)',
    )
    .action(async (values: DemoOptions) => done(await runDemoCommand(values)));

async function runDemoCommand(values: DemoOptions): Promise<number> {
  const speed =
    values.speed === undefined
      ? values.serve
        ? 1
        : 10
      : parseNumber('--speed', values.speed, { min: 0, minInclusive: false, max: 100 });
  if (values.serve && (values.browser || values.report !== undefined || values.json)) {
    throw new LegatoError('INVALID_ARGUMENT', '--serve: not with --browser, --report or --json');
  }
  const trace = values.trace === undefined ? undefined : loadTrace(values.trace);
  if (values.headed && !values.browser) {
    throw new LegatoError('INVALID_ARGUMENT', '--headed: only with --browser');
  }
  if (values.headed && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      '--headed: no display (DISPLAY and WAYLAND_DISPLAY are unset); without --headed the browser runs headless',
    );
  }
  // Output paths are checked before any work (the music ladder may take ~20 s to generate).
  const screenshot = values.browser
    ? writableFilePath('--screenshot', values.screenshot ?? 'legato-demo-browser.png')
    : '';
  const reportPath =
    values.browser || values.serve
      ? ''
      : writableFilePath('--report', values.report ?? 'legato-demo-report.html');
  const media = await chooseMedia(values.json ?? false);
  if (values.serve) {
    const { serveBrowserDemo } = await importOptional(
      () => import('../demo/browser/serve-browser-demo.js'),
      '@legato/testkit',
      'legato demo --serve',
    );
    const server = await serveBrowserDemo({ speed, media, ...(trace ? { trace } : {}) });
    process.stdout.write(
      `legato demo --serve: playing the ${media.description}\nopen ${server.url} in your browser (Chromium-based: EME ClearKey + MSE); Ctrl-C stops\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  }
  if (values.browser) {
    const { browserDemo } = await importOptional(
      () => import('../demo/browser/browser-demo-command.js'),
      '@legato/testkit',
      'legato demo --browser',
    );
    return browserDemo({
      speed,
      media,
      ...(trace ? { trace } : {}),
      headless: !values.headed,
      screenshot,
      json: values.json ?? false,
      out: process.stdout,
    });
  }
  let lastRep = '';
  let lastLicense = '';
  const { runDemo } = await importOptional(
    () => import('../demo/run-demo.js'),
    '@legato/testkit',
    'legato demo',
  );
  if (!values.json) process.stdout.write(`playing the ${media.description}\n`);
  const live = values.json
    ? undefined
    : createProgressReporter(process.stdout, { plainEveryS: 10 });
  const result = await runDemo({
    speed,
    media,
    ...(trace ? { trace } : {}),
    onState: (s) =>
      live?.update({
        positionS: s.positionS,
        durationS: s.durationS,
        bufferS: s.bufferAheadS,
        bitrateBps: s.bitrateBps,
        estimateBps: s.estimateBps,
        representationId: s.representationId ?? '',
        licenseState: s.license,
      }),
    onEvent: (e, tS) => {
      const at = `[${tS.toFixed(1).padStart(5)} s]`;
      if (e.type === 'representation' && e.representationId !== lastRep) {
        live?.log(
          `${at} representation ${lastRep || '—'} → ${e.representationId} (${Math.round(e.bitrateBps / 1000)} kb/s, estimate ${Math.round(e.estimateBps / 1000)} kb/s)`,
        );
        lastRep = e.representationId;
      } else if (e.type === 'license' && e.status !== lastLicense) {
        live?.log(`${at} license ${e.status}`);
        lastLicense = e.status;
      } else if (e.type === 'stall')
        live?.log(`${at} stall (${e.cause}) at ${e.positionS.toFixed(1)} s`);
      else if (e.type === 'stall-end') live?.log(`${at} resumed at ${e.positionS.toFixed(1)} s`);
      else if (e.type === 'error')
        live?.log(`${at} ${e.fatal ? 'fatal' : 'recovered'} ${e.error.code}: ${e.error.message}`);
    },
  });
  live?.stop();
  writeFileSync(reportPath, renderDemoReport(result.timeline));
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ ok: result.ok, status: result.status, media: media.description, metrics: result.metrics, report: reportPath, timeline: result.timeline }, null, 2)}\n`,
    );
  } else {
    const width = Math.max(...result.timeline.summary.map(([k]) => k.length));
    process.stdout.write('\nlegato demo summary\n');
    for (const [k, v] of result.timeline.summary)
      process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
    for (const e of result.metrics.errors) process.stdout.write(`  error: ${e}\n`);
    if (result.metrics.mismatches.length) {
      process.stdout.write(
        `  segments not matching the source: ${result.metrics.mismatches.join(', ')}\n`,
      );
    }
    process.stdout.write(`  report: ${reportPath}\n`);
    process.stdout.write(
      result.ok ? 'OK: played to the end, every segment decrypted correctly\n' : 'FAILED\n',
    );
  }
  return result.ok ? 0 : 1;
}

/** The demo's track (the music ladder when ffmpeg is there), telling when it must be generated. */
async function chooseMedia(json: boolean) {
  const { chooseDemoMedia } = await importOptional(
    () => import('../demo/demo-media.js'),
    '@legato/testkit',
    'legato demo',
  );
  return chooseDemoMedia({
    onGenerate: (dir) => {
      if (!json)
        process.stdout.write(
          `generating the music ladder with ffmpeg (first run only, ~20 s) into ${dir}\n`,
        );
    },
  });
}
