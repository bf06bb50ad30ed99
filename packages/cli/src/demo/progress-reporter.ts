import { SingleBar } from 'cli-progress';

/** What the live progress line shows. */
export interface ProgressState {
  readonly positionS: number;
  readonly durationS: number;
  readonly bufferS: number;
  readonly bitrateBps: number;
  readonly estimateBps: number;
  readonly representationId: string;
  readonly licenseState: string;
}

/** Receives progress updates and milestones; `stop()` ends the live line. */
export interface ProgressReporter {
  update(state: ProgressState): void;
  /** A milestone worth its own line (switch, stall, license state…). */
  log(line: string): void;
  stop(): void;
}

/** One plain-text progress line (used for non-TTY output and as the bar's payload). */
export function formatProgress(s: ProgressState): string {
  const kbps = (bps: number) => (Number.isFinite(bps) ? `${Math.round(bps / 1000)} kb/s` : '—');
  return `pos ${s.positionS.toFixed(1)}/${s.durationS.toFixed(0)} s | buffer ${s.bufferS.toFixed(1)} s | ${s.representationId || '—'} ${kbps(s.bitrateBps)} | est ${kbps(s.estimateBps)} | license ${s.licenseState}`;
}

/**
 * A live progress bar on a TTY (cli-progress), plain log lines otherwise: one line per
 * `plainEveryS` seconds of media and one per milestone.
 */
export function createProgressReporter(
  out: NodeJS.WriteStream,
  options: { readonly plainEveryS?: number } = {},
): ProgressReporter {
  const every = options.plainEveryS ?? 10;
  if (!out.isTTY) {
    let nextAtS = 0;
    return {
      update(state) {
        if (state.positionS + 1e-9 < nextAtS) return;
        nextAtS = (Math.floor(state.positionS / every) + 1) * every;
        out.write(`${formatProgress(state)}\n`);
      },
      log: (line) => out.write(`${line}\n`),
      stop: () => {},
    };
  }
  const bar = new SingleBar({
    stream: out,
    format: '{bar} {line}',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: false,
    fps: 10,
  });
  let last: { total: number; value: number; line: string } | undefined;
  return {
    update(state) {
      const total = Math.max(1, Math.round(state.durationS * 10));
      const value = Math.min(total, Math.round(state.positionS * 10));
      const next = { total, value, line: formatProgress(state) };
      if (!last) bar.start(total, value, { line: next.line });
      else {
        bar.setTotal(total);
        bar.update(value, { line: next.line });
      }
      last = next;
    },
    log(line) {
      if (!last) {
        out.write(`${line}\n`);
        return;
      }
      bar.stop();
      out.write(`${line}\n`);
      bar.start(last.total, last.value, { line: last.line });
    },
    stop() {
      if (last) bar.stop();
    },
  };
}
