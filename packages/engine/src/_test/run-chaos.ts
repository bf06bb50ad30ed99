/**
 * One seeded chaos run (issue 15): the engine plays the protected fixture on the loopback
 * sandbox while `planChaos(seed)` faults hit the origin and the license server. Used by the CI
 * test (`engine-chaos.e2e.test.ts`, a few seeds) and by `pnpm chaos --runs N --seed S`.
 */
import { createEngine, type EngineEvent } from '@legato/engine';
import { isLegatoError } from '@legato/errors';
import { createSeededRng } from '@legato/sim';
import {
  type ChaosFaultKind,
  planChaos,
  startSandbox,
  verifyDecryption,
  waitForSocketsClosed,
} from '@legato/testkit';

/** How one run ended and what the checks found. */
export interface ChaosResult {
  readonly seed: number;
  readonly kinds: readonly ChaosFaultKind[];
  /** `ended`: played to the end; `fatal`: a fatal error event; `hang`: neither by the deadline. */
  readonly outcome: 'ended' | 'fatal' | 'hang';
  readonly fatalCode: string | undefined;
  /** Error events or unhandled rejections that are not a `LegatoError` (or wrap a foreign one). */
  readonly untypedErrors: number;
  /** Segments in the sink that differ from the clear source. */
  readonly corruptedSegments: number;
  /** Segments verified against the clear source. */
  readonly verifiedSegments: number;
  /** The fixture's segment count (an `ended` run must verify all of them). */
  readonly segments: number;
  /** Origin responses and license requests still open 1 s after `stop()`. */
  readonly openResponsesAfterStop: number;
  /** TCP handles and timers the process holds after the sandbox closed, beyond those before. */
  readonly leakedHandles: readonly string[];
  /** Scheduler milliseconds from `load()` to the outcome. */
  readonly mediaMs: number;
  readonly wallMs: number;
  /** `watchdog` events seen. */
  readonly watchdogEvents: number;
}

/** Options of {@link runChaos}. */
export interface ChaosRunOptions {
  /** Sandbox speed. @default 40 */
  readonly speed?: number;
  /** Scheduler ms by which the run must have ended or failed. @default 420000 */
  readonly deadlineMs?: number;
}

const countHandles = () => {
  const counts = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs one seeded chaos scenario to its end, a fatal or the deadline; never throws for a fault. */
export async function runChaos(seed: number, options: ChaosRunOptions = {}): Promise<ChaosResult> {
  const speed = options.speed ?? 40;
  const deadlineMs = options.deadlineMs ?? 420_000;
  const plan = planChaos(seed, { speed });
  const before = countHandles();
  let untyped = 0;
  const onRejection = () => void untyped++;
  process.on('unhandledRejection', onRejection);
  const wall0 = performance.now();
  const sandbox = await startSandbox({
    speed,
    originFaults: plan.originFaults,
    licenseFaults: plan.licenseFaults,
  });
  const fixture = sandbox.fixtures[0]!;
  const events: EngineEvent[] = [];
  const engine = createEngine({
    // Keep every played segment in the sink so each can be verified.
    buffer: { backBufferS: 1000 },
    ports: {
      cdm: sandbox.cdm,
      sink: sandbox.sink,
      scheduler: sandbox.scheduler,
      getToken: sandbox.getToken,
      rng: createSeededRng(seed ^ 0x5eed),
      refreshPlaybackInformation: async (id) => sandbox.playbackInformation(id, 2),
    },
    allowInsecureOrigins: true,
    drm: {
      userAgent: 'legato-chaos/1.0',
      ...(plan.licenseLifetimeS === undefined ? {} : { expirationTestSecs: plan.licenseLifetimeS }),
    },
  });
  engine.events$.subscribe((e) => events.push(e));
  const t0 = sandbox.scheduler.now();
  let outcome: ChaosResult['outcome'] = 'hang';
  let outcomeAt = Number.NaN;
  const settled = new Promise<void>((resolve) => {
    engine.state$.subscribe((s) => {
      if (s.status !== 'ended' && s.status !== 'failed') return;
      if (outcome === 'hang') {
        outcome = s.status === 'ended' ? 'ended' : 'fatal';
        outcomeAt = sandbox.scheduler.now();
      }
      resolve();
    });
  });
  engine.load({
    id: fixture.trackId,
    playbackInformation: sandbox.playbackInformation(fixture.trackId),
  });
  engine.play();
  let deadline: NodeJS.Timeout | undefined;
  await Promise.race([settled, new Promise((r) => (deadline = setTimeout(r, deadlineMs / speed)))]);
  clearTimeout(deadline);
  engine.stop();
  const stoppedAt = performance.now();
  const open = () => sandbox.origin.openResponses + sandbox.license.inFlight;
  while (open() > 0 && performance.now() - stoppedAt < 1000) await sleep(5);
  const openResponsesAfterStop = open();
  const proof = verifyDecryption(fixture, sandbox.sink.records());
  for (const e of events) {
    if (e.type !== 'error') continue;
    const foreign = !isLegatoError(e.error) || (e.error.code === 'ENGINE_STATE' && e.fatal);
    if (foreign) untyped++;
  }
  const fatal = events.find((e) => e.type === 'error' && e.fatal);
  await sandbox.close();
  const leakedTcp = await waitForSocketsClosed(2000);
  await sleep(20);
  process.off('unhandledRejection', onRejection);
  const after = countHandles();
  const leakedTimers = [...after]
    .filter(([name, n]) => name === 'Timeout' && n > (before.get(name) ?? 0))
    .map(([name, n]) => `${name}×${n - (before.get(name) ?? 0)}`);
  return {
    seed,
    kinds: plan.kinds,
    outcome,
    fatalCode: fatal?.type === 'error' ? fatal.error.code : undefined,
    untypedErrors: untyped,
    corruptedSegments: proof.mismatches.length,
    verifiedSegments: proof.matched,
    segments: fixture.representations[0]!.clearSha256.segments.length,
    openResponsesAfterStop,
    leakedHandles: [...leakedTcp, ...leakedTimers],
    mediaMs: (Number.isNaN(outcomeAt) ? sandbox.scheduler.now() : outcomeAt) - t0,
    wallMs: performance.now() - wall0,
    watchdogEvents: events.filter((e) => e.type === 'watchdog').length,
  };
}

/** The bar's verdict on one run: what, if anything, broke an invariant. */
export function chaosViolations(r: ChaosResult): string[] {
  const v: string[] = [];
  if (r.outcome === 'hang') v.push('hang');
  if (r.untypedErrors > 0) v.push(`${r.untypedErrors} untyped`);
  if (r.corruptedSegments > 0) v.push(`${r.corruptedSegments} corrupted`);
  if (r.outcome === 'ended' && r.verifiedSegments < r.segments)
    v.push(`ended with ${r.verifiedSegments}/${r.segments} segments verified`);
  if (r.openResponsesAfterStop > 0) v.push(`${r.openResponsesAfterStop} open responses`);
  if (r.leakedHandles.length > 0) v.push(`leaked ${r.leakedHandles.join(', ')}`);
  return v;
}
