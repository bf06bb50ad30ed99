// Runs in the browser (bundled by `bundle-player-page.ts`): the legato engine over EME ClearKey +
// MSE with a small player UI — play/pause, position, current quality, buffer bar, license state.
import type { PlaybackInformation } from '@legato/drm';
import { emeCdm, mseSink } from '@legato/eme';
import { createEngine, type EngineState } from '@legato/engine';
import { createTrace, type TraceEnd, type TraceStep, throughputAt } from '@legato/sim';
import { createScaledScheduler } from '@legato/testkit';
import { DEMO_ENGINE_OPTIONS } from '../demo-engine-options.js';
import { createLivePlot } from './live-plot.js';
import {
  CHROMIUM_AUDIO_QUOTA_BYTES,
  type PageRung,
  probeRungs,
  type RungVerdict,
  rungMimeType,
} from './probe-rungs.js';

/** What the Node side passes to {@link startPlayer}. */
export interface PlayerOptions {
  readonly trackId: string;
  readonly playbackInformation: PlaybackInformation;
  readonly token: string;
  /** Media seconds per wall second (playbackRate and the engine's clock). */
  readonly speed: number;
  /** Draw live plots of bitrate, estimate and buffer (the `--serve` page). @default false */
  readonly livePlot?: boolean;
  /**
   * The track's representations: each is checked against this browser (MSE type and
   * mediaCapabilities) and one it cannot play is left out of the ladder, with the reason shown.
   * @default none: every representation is offered to the engine
   */
  readonly rungs?: readonly PageRung[];
  /**
   * The trace shaping the origin, restarted when the player starts: drawn as the link rate and
   * reported as `linkBps`, on the player's session clock. @default none
   */
  readonly trace?: {
    readonly name: string;
    readonly steps: readonly TraceStep[];
    readonly end: TraceEnd;
  };
}

/** What the page exposes for the Node side to poll. */
export interface PlayerSnapshot {
  readonly status: string;
  readonly positionS: number;
  readonly durationS: number;
  readonly representationId: string | null;
  readonly bitrateBps: number;
  readonly bufferAheadS: number;
  readonly license: string;
  readonly switches: readonly string[];
  readonly errors: readonly string[];
  /** `MediaSource.readyState` (`ended` once the engine signalled end of stream). */
  readonly mediaSource: string;
  /** End of the media element's buffered range, seconds. */
  readonly bufferedEndS: number;
  /** The element's own clock, seconds. */
  readonly elementTimeS: number;
  /** Session seconds (media clock) since the player started: the plot's and the trace's time. */
  readonly sessionS: number;
  /** The engine's bandwidth estimate, bits per second. */
  readonly estimateBps: number;
  /** The link rate the trace gives at `sessionS`, bits per second (null without a trace). */
  readonly linkBps: number | null;
  /** The capability check of every representation asked for. */
  readonly rungs: readonly RungVerdict[];
}

const css = `body{font:14px system-ui,sans-serif;margin:24px;background:#101418;color:#e8eef2}
h1{font-size:18px;margin:0 0 12px}button{font-size:14px;padding:6px 14px;margin-right:12px}
.row{margin:10px 0}.bar{position:relative;height:14px;background:#2a333b;border-radius:7px;overflow:hidden;width:520px}
.buf{position:absolute;height:100%;background:#4f6b80}.pos{position:absolute;height:100%;background:#8fd18f}
.k{color:#8aa0b0;display:inline-block;width:120px}#log{font:12px monospace;color:#b8c4cc;white-space:pre;margin-top:14px}`;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text = '',
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.textContent = text;
  return e;
}

/** Builds the UI, checks what this browser can play, loads the track and starts playback. */
export async function startPlayer(options: PlayerOptions): Promise<void> {
  const startedAtMs = performance.now();
  const sessionS = () => ((performance.now() - startedAtMs) / 1000) * options.speed;
  const trace = options.trace && createTrace(options.trace.steps, options.trace);
  const linkBps = () => (trace ? throughputAt(trace, sessionS() * 1000) : null);
  document.head.append(el('style', {}, css));
  const audio = el('audio');
  const button = el('button', { id: 'play' }, 'Pause');
  const position = el('span', { id: 'position' });
  const quality = el('span', { id: 'quality' });
  const license = el('span', { id: 'license' });
  const ladder = el('span', { id: 'ladder' });
  const buffered = el('div', { class: 'buf' });
  const played = el('div', { class: 'pos' });
  const bar = el('div', { class: 'bar' });
  bar.append(buffered, played);
  const log = el('div', { id: 'log' });
  const row = (label: string, value: HTMLElement) => {
    const r = el('div', { class: 'row' });
    r.append(el('span', { class: 'k' }, label), value);
    return r;
  };
  document.body.append(
    el('h1', {}, `legato — ${options.trackId} (EME ${'org.w3.clearkey'} + MSE, ×${options.speed})`),
    audio,
    button,
    row('position', position),
    row('quality', quality),
    row('license', license),
    row('ladder', ladder),
    row('buffer', bar),
  );
  const plot = options.livePlot ? createLivePlot() : undefined;
  if (plot) document.body.append(plot.element);
  document.body.append(log);
  let lastPlotS = Number.NEGATIVE_INFINITY;
  const rungs = await probeRungs(options.rungs ?? [], {
    isTypeSupported: (type) => MediaSource.isTypeSupported(type),
    // The demo is for Chromium-based browsers (EME ClearKey + MSE as Chromium does them).
    sourceBufferQuotaBytes: CHROMIUM_AUDIO_QUOTA_BYTES,
    ...(navigator.mediaCapabilities
      ? { decodingInfo: (c) => navigator.mediaCapabilities.decodingInfo(c) }
      : {}),
  });
  const verdicts = new Map(rungs.map((r) => [r.id, r]));
  ladder.textContent = rungs.length
    ? rungs.map((r) => (r.playable ? `${r.id} ✓` : `${r.id} ✗ (${r.reason})`)).join('   ')
    : 'not checked';

  const cdm = emeCdm({
    keySystem: 'org.w3.clearkey',
    mediaElement: audio,
    audioContentTypes: ['audio/mp4; codecs="flac"', 'audio/mp4; codecs="opus"'],
  });
  const sink = mseSink({ mediaElement: audio, beforeFirstAppend: () => cdm.ready() });
  audio.addEventListener('playing', () => {
    audio.playbackRate = options.speed;
  });
  const engine = createEngine({
    ports: {
      transport: (input, init) => fetch(input, init),
      cdm,
      sink,
      scheduler: createScaledScheduler(options.speed),
      getToken: () => options.token,
    },
    allowInsecureOrigins: true,
    ...DEMO_ENGINE_OPTIONS,
    // The capability check above decides; a representation it was not asked about must at
    // least be a type MediaSource takes.
    capabilities: {
      isSupported: (rep) =>
        verdicts.get(rep.id)?.playable ??
        MediaSource.isTypeSupported(rungMimeType(rep.codecs ?? '')),
    },
  });
  const snapshot = {
    status: 'idle',
    positionS: 0,
    durationS: 0,
    representationId: null as string | null,
    bitrateBps: 0,
    bufferAheadS: 0,
    license: '',
    switches: [] as string[],
    errors: [] as string[],
    mediaSource: 'closed',
    bufferedEndS: 0,
    elementTimeS: 0,
    sessionS: 0,
    estimateBps: 0,
    linkBps: linkBps(),
    rungs,
  };
  (window as unknown as { legatoDemo: PlayerSnapshot }).legatoDemo = snapshot;
  const lines: string[] = [];
  const note = (line: string) => {
    lines.push(`${audio.currentTime.toFixed(1).padStart(5)} s  ${line}`);
    log.textContent = lines.slice(-12).join('\n');
  };
  engine.state$.subscribe((s: EngineState) => {
    const b = audio.buffered;
    Object.assign(snapshot, {
      mediaSource: sink.mediaSource.readyState,
      bufferedEndS: b.length > 0 ? b.end(b.length - 1) : 0,
      elementTimeS: audio.currentTime,
      status: s.status,
      positionS: s.positionS,
      durationS: s.durationS,
      representationId: s.representationId,
      bitrateBps: s.bitrateBps,
      bufferAheadS: s.bufferAheadS,
      license: s.license,
      sessionS: sessionS(),
      estimateBps: s.estimateBps,
      linkBps: linkBps(),
    });
    position.textContent = `${s.positionS.toFixed(1)} / ${s.durationS.toFixed(1)} s  (${s.status})`;
    quality.textContent = s.representationId
      ? `${s.representationId}  ${Math.round(s.bitrateBps / 1000)} kb/s  (estimate ${Math.round(s.estimateBps / 1000)} kb/s)`
      : '—';
    license.textContent = s.license;
    const tS = snapshot.sessionS;
    if (plot && tS - lastPlotS >= 0.5) {
      lastPlotS = tS;
      plot.push({
        tS,
        bitrateBps: s.bitrateBps,
        estimateBps: s.estimateBps,
        linkBps: snapshot.linkBps ?? Number.NaN,
        bufferS: s.bufferAheadS,
      });
    }
    const d = Math.max(s.durationS, 1);
    played.style.width = `${(100 * s.positionS) / d}%`;
    buffered.style.width = `${(100 * Math.min(d, s.positionS + s.bufferAheadS)) / d}%`;
  });
  engine.events$.subscribe((e) => {
    if (e.type === 'representation') {
      snapshot.switches.push(e.representationId);
      note(`quality → ${e.representationId} (${Math.round(e.bitrateBps / 1000)} kb/s)`);
    } else if (e.type === 'license') note(`license ${e.status}`);
    else if (e.type === 'stall') note(`stall (${String(e.cause)})`);
    else if (e.type === 'error') {
      snapshot.errors.push(`${e.error.code}: ${e.error.message}`);
      note(`error ${e.error.code}`);
    } else if (e.type === 'track-end') note('track end');
  });
  button.addEventListener('click', () => {
    if (snapshot.status === 'paused') {
      engine.play();
      button.textContent = 'Pause';
    } else {
      engine.pause();
      button.textContent = 'Play';
    }
  });
  engine.load({ id: options.trackId, playbackInformation: options.playbackInformation });
  engine.play();
}
