import { amazonLicenseTransport, rawLicenseTransport, widevineProxyTransport } from '@legato/drm';
import { encodeBase64 } from '@legato/isobmff';
import type { SchedulerLike } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createMarbleClock, expectMarbles } from '../_test/marble-clock.js';

// Timing, retry, cancellation and teardown of the license transports, in virtual time: the
// fetch port answers from a script at once (or hangs until aborted), so every delay in a
// diagram is the transport's own (backoff, Retry-After, timeout).
const URL = 'https://license.example/get';
const LICENSE = new Uint8Array([7, 7, 7]);
const challenge = new Uint8Array([1, 2, 3]);

type Step = number | { status: number; retryAfter?: string } | 'hang' | 'network';

function fetchPort(script: Step[]) {
  const calls: { atMs: number; authorization: string | null }[] = [];
  const signals: AbortSignal[] = [];
  let scheduler: SchedulerLike | undefined;
  const transport = (_url: string, init: RequestInit): Promise<Response> => {
    calls.push({
      atMs: scheduler?.now() ?? Number.NaN,
      authorization: new Headers(init.headers).get('authorization'),
    });
    if (init.signal) signals.push(init.signal);
    const step = script.shift() ?? 200;
    if (step === 'hang')
      return new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        ),
      );
    if (step === 'network') return Promise.reject(new TypeError('fetch failed'));
    const status = typeof step === 'number' ? step : step.status;
    const headers: Record<string, string> = {};
    if (typeof step === 'object' && step.retryAfter) headers['retry-after'] = step.retryAfter;
    const body = status === 200 ? JSON.stringify({ license: encodeBase64(LICENSE) }) : '{}';
    return Promise.resolve(new Response(body, { status, headers }));
  };
  return {
    transport,
    calls,
    signals,
    bind(s: SchedulerLike) {
      scheduler = s;
    },
  };
}

function setup(script: Step[], over: Record<string, unknown> = {}) {
  const clock = createMarbleClock();
  const port = fetchPort(script);
  port.bind(clock.scheduler);
  let tokens = 0;
  const transport = amazonLicenseTransport({
    licenseUrl: URL,
    licenseHeaders: {},
    userAgent: 'Test/1',
    getToken: ({ forceRefresh }) => `token-${++tokens}${forceRefresh ? '-fresh' : ''}`,
    transport: port.transport,
    scheduler: clock.scheduler,
    rng: () => 0.5,
    ...over,
  });
  const license$ = transport(challenge, { kind: 'license-request' });
  return { clock, port, license$ };
}

const code = (c: string) => expect.objectContaining({ code: c });

describe('license transports (marble, virtual time)', () => {
  it('200 → the license at once, then complete', async () => {
    const { clock, license$ } = setup([200]);
    expectMarbles(await clock.record(license$, { untilMs: 100 }), '(a|)', { a: LICENSE });
  });

  it('500, 500, 200 → two full-jitter backoffs (rng 0.5: 500 ms, then 1000 ms)', async () => {
    const { clock, port, license$ } = setup([500, 500, 200]);
    expectMarbles(await clock.record(license$, { untilMs: 5000 }), '1500ms (a|)', { a: LICENSE });
    expect(port.calls.map((c) => c.atMs)).toEqual([0, 500, 1500]);
  });

  it('503 with Retry-After: 7 → the retry waits exactly 7 s', async () => {
    const { clock, port, license$ } = setup([{ status: 503, retryAfter: '7' }, 200]);
    expectMarbles(await clock.record(license$, { untilMs: 20_000 }), '7000ms (a|)', { a: LICENSE });
    expect(port.calls.map((c) => c.atMs)).toEqual([0, 7000]);
  });

  it('retries run out → the last error, typed and retryable, at the last attempt', async () => {
    const { clock, port, license$ } = setup([503, 503, 503], { maxRetries: 2 });
    expectMarbles(
      await clock.record(license$, { untilMs: 10_000 }),
      '1500ms #',
      undefined,
      code('LICENSE_SERVER_ERROR'),
    );
    expect(port.calls).toHaveLength(3);
  });

  it('a hanging server → LICENSE_TIMEOUT at timeoutMs, the request aborted', async () => {
    const { clock, port, license$ } = setup(['hang'], { timeoutMs: 4000, maxRetries: 0 });
    expectMarbles(
      await clock.record(license$, { untilMs: 10_000 }),
      '4000ms #',
      undefined,
      expect.objectContaining({ code: 'LICENSE_TIMEOUT', retryable: true }),
    );
    expect(port.signals[0]?.aborted).toBe(true);
  });

  it('a timeout is retried after its backoff like a network failure', async () => {
    const { clock, port, license$ } = setup(['hang', 'network', 200], { timeoutMs: 4000 });
    expectMarbles(await clock.record(license$, { untilMs: 20_000 }), '5500ms (a|)', {
      a: LICENSE,
    });
    expect(port.calls.map((c) => c.atMs)).toEqual([0, 4500, 5500]);
  });

  it('401 → one token refresh, retried at once with the fresh token', async () => {
    const { clock, port, license$ } = setup([401, 200]);
    expectMarbles(await clock.record(license$, { untilMs: 100 }), '(a|)', { a: LICENSE });
    expect(port.calls.map((c) => c.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2-fresh',
    ]);
  });

  it('401 twice → LICENSE_UNAUTHORIZED, no third request', async () => {
    const { clock, port, license$ } = setup([401, 401, 200]);
    expectMarbles(
      await clock.record(license$, { untilMs: 100 }),
      '#',
      undefined,
      code('LICENSE_UNAUTHORIZED'),
    );
    expect(port.calls).toHaveLength(2);
  });

  it('403 → LICENSE_DENIED at once, never retried', async () => {
    const { clock, port, license$ } = setup([403, 200]);
    expectMarbles(
      await clock.record(license$, { untilMs: 10_000 }),
      '#',
      undefined,
      expect.objectContaining({ code: 'LICENSE_DENIED', retryable: false }),
    );
    expect(port.calls).toHaveLength(1);
  });

  it('unsubscribing mid-request aborts it; unsubscribing during a backoff sends nothing more', async () => {
    const inFlight = setup(['hang']);
    expectMarbles(
      await inFlight.clock.record(inFlight.license$, { untilMs: 30_000, unsubscribeAtMs: 300 }),
      '',
    );
    expect(inFlight.port.signals[0]?.aborted).toBe(true);

    const waiting = setup([500, 200]);
    expectMarbles(
      await waiting.clock.record(waiting.license$, { untilMs: 30_000, unsubscribeAtMs: 200 }),
      '',
    );
    expect(waiting.port.calls).toHaveLength(1); // the retry due at 500 ms never ran
  });

  it('the Widevine proxy and raw transports share the same timing', async () => {
    for (const make of [widevineProxyTransport, rawLicenseTransport]) {
      const clock = createMarbleClock();
      const port = fetchPort([{ status: 503, retryAfter: '2' }, 500, 200]);
      port.bind(clock.scheduler);
      const transport = make({
        licenseUrl: URL,
        transport: port.transport,
        scheduler: clock.scheduler,
        rng: () => 0.5,
      } as Parameters<typeof make>[0]);
      const frames = await clock.record(transport(challenge, { kind: 'license-request' }), {
        untilMs: 10_000,
      });
      // 2 s Retry-After, then a 1000 ms backoff (second retry, rng 0.5 × 2000 ms).
      expect(frames.map((f) => [f.frame, f.notification.kind])).toEqual([
        [3000, 'N'],
        [3000, 'C'],
      ]);
      expect(port.calls.map((c) => c.atMs)).toEqual([0, 2000, 3000]);
    }
  });
});
