import { createBandwidthEstimator } from '@legato/bandwidth';
import type { BufferCommand, BufferStep, StallCause } from '@legato/buffer';
import type { SessionEvent } from '@legato/drm';
import { isLegatoError, LegatoError } from '@legato/errors';
import type { FetchSegmentOptions } from '@legato/fetch';
import { asyncScheduler, BehaviorSubject, Subject, Subscription } from 'rxjs';
import { playableAheadS } from './_internal/playable-ahead.js';
import {
  createTrackRuntime,
  runTrack,
  type TrackHost,
  type TrackRuntime,
} from './_internal/run-track.js';
import { chooseRung } from './core/choose-rung.js';
import type { Preferences, TrackPlan } from './core/plan-track.js';
import type {
  Engine,
  EngineEvent,
  EngineOptions,
  EngineState,
  EngineTrack,
  PlaybackReport,
} from './engine-types.js';

/**
 * Creates the player core: give it ports (fetch, CDM, sink, scheduler, token, event reporting)
 * and `load()` a track or a gapless queue. It runs the 14-step workflow of the Amazon guide —
 * MPD, ladder from capabilities, segments and license at once (the clear lead plays while the
 * license is fetched), bitrate switching, playback reports, playbackInformation refresh — and
 * stops cleanly on `stop()` or a fatal error (requests aborted, sessions closed).
 */
export function createEngine(options: EngineOptions): Engine {
  const { ports } = options;
  const scheduler = ports.scheduler ?? asyncScheduler;
  const report = ports.reportEvent ?? (() => undefined);
  const estimator = createBandwidthEstimator({
    defaultEstimateBps: options.abr?.defaultEstimateBps ?? 500_000,
  });
  const safetyFactor = options.abr?.safetyFactor ?? 0.8;
  const progressIntervalS = options.progressIntervalS ?? 30;
  const fetchOptions: FetchSegmentOptions = {
    scheduler,
    allowInsecureOrigins: options.allowInsecureOrigins ?? false,
    ...(ports.transport ? { transport: ports.transport } : {}),
    ...(ports.rng ? { rng: ports.rng } : {}),
  };
  let preferences: Preferences = options.preferences ?? {};
  const events = new Subject<EngineEvent>();
  const idle: EngineState = {
    status: 'idle',
    trackId: null,
    positionS: 0,
    durationS: 0,
    bufferAheadS: 0,
    representationId: null,
    bitrateBps: 0,
    estimateBps: estimator.estimate(),
    license: 'none',
    stallCause: null,
  };
  const state = new BehaviorSubject<EngineState>(idle);
  let queue: TrackRuntime[] = [];
  let current = 0;
  let wantPlay = false;
  let session = new Subscription();
  let lastProgressS = 0;

  const now = () => scheduler.now();
  const emit = (e: EngineEvent) => events.next(e);
  const patch = (p: Partial<EngineState>) => state.next({ ...state.value, ...p });
  const cur = (): TrackRuntime | undefined => queue[current];
  const sendReport = (type: PlaybackReport['type'], extra: Partial<PlaybackReport> = {}) => {
    const rt = cur();
    if (!rt) return;
    report({ type, trackId: rt.track.id, positionS: state.value.positionS, atMs: now(), ...extra });
  };

  const teardown = () => {
    for (const rt of queue) rt.subscription.unsubscribe();
    session.unsubscribe();
  };

  const fail = (error: unknown) => {
    if (state.value.status === 'failed' || state.value.status === 'stopped') return;
    const e = isLegatoError(error)
      ? error
      : new LegatoError('ENGINE_STATE', `engine: expected no failure, received ${String(error)}`, {
          cause: error,
        });
    teardown();
    ports.sink.pause();
    emit({ type: 'error', fatal: true, error: e, atMs: now() });
    sendReport('error', { code: e.code });
    patch({ status: 'failed' });
  };

  const host: TrackHost = {
    scheduler,
    sink: ports.sink,
    cdm: ports.cdm,
    getToken: ports.getToken,
    provisioningTransport: ports.provisioningTransport,
    refreshPlaybackInformation: ports.refreshPlaybackInformation,
    refreshMarginS: options.refreshMarginS ?? 300,
    fetchOptions,
    buffer: options.buffer,
    drm: options.drm,
    allowInsecureOrigins: options.allowInsecureOrigins ?? false,
    capabilities: () => options.capabilities ?? {},
    preferences: () => preferences,
    firstRung: (plan) => decide(plan, 0, 0),
    nextRung: (rt) =>
      decide(rt.plan as TrackPlan, rt.state ? playableAheadS(rt.state) : 0, rt.rungIndex),
    onProgress: (bytes, ms) => {
      estimator.addSample(bytes, ms, now());
    },
    onPlanned: (rt) => {
      const plan = rt.plan as TrackPlan;
      emit({
        type: 'manifest-loaded',
        trackId: rt.track.id,
        representations: plan.ladder.length,
        durationS: plan.durationS,
      });
      if (rt === cur())
        patch({ durationS: plan.durationS, license: plan.defaultKid ? 'creating' : 'none' });
      announceRung(rt);
    },
    onStep,
    onLicense,
    onRefreshed: (rt, reason) =>
      emit({ type: 'playback-info-refreshed', trackId: rt.track.id, reason, atMs: now() }),
    fail,
  };

  function decide(plan: TrackPlan, bufferAheadS: number, lastIndex: number): number {
    const seg = plan.segments[0];
    return chooseRung(
      plan.ladder,
      {
        estimateBps: estimator.estimate(),
        bufferAheadS,
        lastIndex,
        segmentDurationS: seg ? seg.durationS : 10,
      },
      { safetyFactor },
    );
  }

  function announceRung(rt: TrackRuntime): void {
    const rung = (rt.plan as TrackPlan).ladder[rt.rungIndex];
    if (!rung) return;
    emit({
      type: 'representation',
      trackId: rt.track.id,
      representationId: rung.representation.id,
      bitrateBps: rung.bitrateBps,
      estimateBps: estimator.estimate(),
      atMs: now(),
    });
    if (rt === cur())
      patch({ representationId: rung.representation.id, bitrateBps: rung.bitrateBps });
  }

  function onStep(rt: TrackRuntime, step: BufferStep): void {
    const before = rt.state;
    rt.state = step.state;
    afterSegments(rt, before, step);
    for (const c of step.commands) onCommand(rt, c);
    if (rt !== cur()) return;
    const positionS = Math.max(0, step.state.positionS);
    patch({
      positionS,
      bufferAheadS: playableAheadS(step.state),
      estimateBps: estimator.estimate(),
    });
    if (state.value.status === 'playing' && positionS - lastProgressS >= progressIntervalS) {
      lastProgressS = positionS;
      sendReport('progress');
    }
    if (step.state.phase === 'ended' && !rt.ended) endTrack(rt);
  }

  function afterSegments(rt: TrackRuntime, before: TrackRuntime['state'], step: BufferStep): void {
    step.state.slots.forEach((slot, i) => {
      const old = before?.slots[i];
      if (slot.status === 'held' && old?.status === 'fetching') {
        emit({
          type: 'segment',
          trackId: rt.track.id,
          index: i,
          representationId: slot.representationId,
          bytes: slot.bytes,
          encrypted: slot.encrypted,
          atMs: now(),
        });
        const next = host.nextRung(rt);
        if (next !== rt.rungIndex) {
          rt.rungIndex = next;
          const rung = (rt.plan as TrackPlan).ladder[next];
          if (rung)
            rt.bufferEvents.next({
              type: 'abr-choice',
              representationId: rung.representation.id,
              rank: next,
            });
          announceRung(rt);
        }
      }
    });
    if (!before?.appendedInit && step.state.appendedInit)
      emit({ type: 'first-append', trackId: rt.track.id, atMs: now() });
  }

  function onCommand(rt: TrackRuntime, c: BufferCommand): void {
    const isCurrent = rt === cur();
    switch (c.type) {
      case 'startPlayback':
        if (!isCurrent) return;
        if (state.value.status === 'stalled') {
          emit({ type: 'stall-end', trackId: rt.track.id, positionS: c.positionS, atMs: now() });
        }
        if (!rt.started) {
          rt.started = true;
          emit({ type: 'playback-start', trackId: rt.track.id, atMs: now() });
          emit({ type: 'track-start', trackId: rt.track.id, atMs: now() });
          sendReport('start');
        }
        patch({ status: wantPlay ? 'playing' : 'paused', stallCause: null });
        if (wantPlay) ports.sink.play();
        return;
      case 'stall':
        if (!isCurrent) return;
        ports.sink.pause();
        patch({ status: 'stalled', stallCause: c.cause });
        emit({
          type: 'stall',
          trackId: rt.track.id,
          cause: c.cause,
          positionS: c.positionS,
          atMs: now(),
        });
        sendReport('stall', { cause: c.cause as StallCause });
        return;
      case 'endOfStream': {
        rt.fullyAppended = true;
        const next = queue[queue.indexOf(rt) + 1];
        if (!next) void ports.sink.endOfStream().catch(fail);
        else next.bufferEvents.next({ type: 'sink-ready' });
        return;
      }
      case 'prefetchNextTrack':
        startNext(rt);
        return;
      default:
        return;
    }
  }

  function startNext(rt: TrackRuntime): void {
    const i = queue.indexOf(rt);
    const next = queue[i + 1];
    if (!next || next.plan || !rt.plan || next.subscription.closed) return;
    const offsetS = rt.offsetS + rt.plan.durationS;
    const placed = createTrackRuntime(next.track, offsetS);
    queue[i + 1] = placed;
    runTrack(placed, host, rt.fullyAppended);
  }

  function endTrack(rt: TrackRuntime): void {
    rt.ended = true;
    emit({ type: 'track-end', trackId: rt.track.id, atMs: now() });
    sendReport('track-end');
    rt.subscription.unsubscribe(); // step 14: closes the track's license session
    const next = queue[current + 1];
    if (!next) {
      patch({ status: 'ended' });
      return;
    }
    current += 1;
    lastProgressS = 0;
    if (!next.plan) startNext(rt);
    const plan = queue[current]?.plan;
    patch({
      trackId: next.track.id,
      positionS: 0,
      durationS: plan?.durationS ?? 0,
      license: queue[current]?.licenseStatus ?? 'none',
    });
    const phase = queue[current]?.state?.phase;
    if (phase === 'playing')
      onCommand(queue[current] as TrackRuntime, { type: 'startPlayback', positionS: 0 });
  }

  function onLicense(rt: TrackRuntime, e: SessionEvent): void {
    switch (e.type) {
      case 'state':
        rt.licenseStatus = e.status;
        emit({ type: 'license', trackId: rt.track.id, status: e.status, atMs: now() });
        if (rt === cur()) patch({ license: e.status });
        return;
      case 'usable':
        for (const kid of e.keyIds) rt.bufferEvents.next({ type: 'key-status', kid, usable: true });
        return;
      case 'renewed':
        return;
      case 'keys-unusable':
        for (const kid of e.keyIds)
          rt.bufferEvents.next({ type: 'key-status', kid, usable: false });
        if (e.reason !== 'expired' || !rt.fullyAppended) {
          const code =
            e.reason === 'expired'
              ? 'CDM_KEY_EXPIRED'
              : e.reason === 'output-restricted'
                ? 'CDM_OUTPUT_RESTRICTED'
                : 'CDM_INTERNAL_ERROR';
          fail(
            new LegatoError(
              code,
              `license: expected usable keys for track ${rt.track.id}, received ${e.reason}`,
            ),
          );
        }
        return;
    }
  }

  return {
    state$: state.asObservable(),
    events$: events.asObservable(),
    load(track) {
      const given = track ?? defaultTrack(options);
      const list: readonly EngineTrack[] = Array.isArray(given) ? given : [given as EngineTrack];
      if (list.length === 0)
        throw new LegatoError(
          'INVALID_ARGUMENT',
          'load: expected at least one track, received none',
        );
      teardown();
      session = new Subscription();
      queue = list.map((t) => createTrackRuntime(t, 0));
      current = 0;
      lastProgressS = 0;
      state.next({
        ...idle,
        status: 'loading',
        trackId: list[0]?.id ?? null,
        estimateBps: estimator.estimate(),
      });
      session.add(
        ports.sink.events$.subscribe((e) => {
          if (e.type === 'error') fail(e.error);
          else if (e.type === 'ended') cur()?.bufferEvents.next({ type: 'track-end' });
        }),
      );
      runTrack(queue[0] as TrackRuntime, host, true);
    },
    play() {
      if (wantPlay) return;
      wantPlay = true;
      const s = state.value.status;
      if (s === 'paused') {
        ports.sink.play();
        patch({ status: 'playing' });
        sendReport('resume');
      }
    },
    pause() {
      if (!wantPlay) return;
      wantPlay = false;
      ports.sink.pause();
      if (state.value.status === 'playing') {
        patch({ status: 'paused' });
        sendReport('pause');
      }
    },
    seek(positionS) {
      const rt = cur();
      if (!rt?.plan)
        throw new LegatoError(
          'ENGINE_STATE',
          `seek: expected a loaded track, received status ${state.value.status}`,
        );
      if (!(positionS >= 0 && positionS <= rt.plan.durationS)) {
        throw new LegatoError(
          'INVALID_ARGUMENT',
          `seek: expected 0..${rt.plan.durationS} s, received ${positionS}`,
        );
      }
      ports.sink.seek(positionS + rt.offsetS);
      sendReport('seek', { positionS });
      lastProgressS = positionS;
      rt.bufferEvents.next({ type: 'seek', positionS });
    },
    setPreferences(p) {
      preferences = p;
    },
    stop() {
      if (state.value.status === 'stopped') return;
      teardown();
      ports.sink.pause();
      patch({ status: 'stopped' });
    },
  };
}

function defaultTrack(options: EngineOptions): EngineTrack {
  if (options.playbackInformation)
    return { id: 'track', playbackInformation: options.playbackInformation };
  if (options.mpdUrl) return { id: 'track', mpdUrl: options.mpdUrl };
  throw new LegatoError(
    'INVALID_ARGUMENT',
    'load: expected a track (or options.playbackInformation / mpdUrl), received none',
  );
}
