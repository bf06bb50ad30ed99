import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LegatoError } from '@legato/errors';
import { loadTrace } from '../_internal/load-trace.js';
import type { Command } from '../command.js';
import { browserDemo } from '../demo/browser/browser-demo-command.js';
import { createProgressReporter } from '../demo/progress-reporter.js';
import { renderDemoReport } from '../demo/report-html.js';
import { runDemo } from '../demo/run-demo.js';

const USAGE = `usage: legato demo [--trace <file | synthetic:CLASS:SEED>] [--speed N] [--report <file.html>] [--json]
  Plays the protected fixture track end to end on the embedded loopback sandbox: trace-shaped
  origin, Amazon-protocol license server, software ClearKey CDM, decrypting in-memory sink.
  --trace    network trace (default: a fluctuating one that forces up- and down-switches)
  --speed    media seconds per wall second (default 10)
  --report   HTML report with plots over time (default legato-demo-report.html)
  --json     print the metrics and timeline as JSON instead of the summary
  --browser  play in Chromium instead (the engine over EME org.w3.clearkey + MSE, with a player
             UI); --headless to run without a window; --screenshot <file.png> (default
             legato-demo-browser.png)
Exit code 0 only if the track played to the end with every segment verified against its source.
`;

/** `legato demo`: the main job. */
export const demoCommand: Command = async (argv) => {
  let values: {
    trace?: string;
    speed?: string;
    report?: string;
    json?: boolean;
    browser?: boolean;
    headless?: boolean;
    screenshot?: string;
    help?: boolean;
  };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        trace: { type: 'string' },
        speed: { type: 'string' },
        report: { type: 'string' },
        json: { type: 'boolean' },
        browser: { type: 'boolean' },
        headless: { type: 'boolean' },
        screenshot: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (cause) {
    throw new LegatoError('INVALID_ARGUMENT', `${(cause as Error).message}\n${USAGE}`, { cause });
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const speed = values.speed === undefined ? 10 : Number(values.speed);
  if (!(Number.isFinite(speed) && speed > 0 && speed <= 100)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `--speed: expected a number in (0, 100], received ${values.speed}`,
    );
  }
  const trace = values.trace === undefined ? undefined : loadTrace(values.trace);
  if (values.browser) {
    return browserDemo({
      speed,
      ...(trace ? { trace } : {}),
      headless: values.headless ?? false,
      ...(values.screenshot !== undefined && { screenshot: values.screenshot }),
      json: values.json ?? false,
      out: process.stdout,
    });
  }
  const reportPath = resolve(values.report ?? 'legato-demo-report.html');
  const live = values.json
    ? undefined
    : createProgressReporter(process.stdout, { plainEveryS: 10 });
  let lastRep = '';
  let lastLicense = '';
  const result = await runDemo({
    speed,
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
      `${JSON.stringify({ ok: result.ok, status: result.status, metrics: result.metrics, report: reportPath, timeline: result.timeline }, null, 2)}\n`,
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
};
