import { createScaledScheduler } from '@legato/testkit';
import { firstValueFrom, interval, take, timer, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';

describe('createScaledScheduler', () => {
  it('runs timers speed times faster and advances now() accordingly', async () => {
    const scheduler = createScaledScheduler(200);
    const t0 = scheduler.now();
    const wall0 = performance.now();
    await firstValueFrom(timer(4000, scheduler));
    const wallMs = performance.now() - wall0;
    expect(scheduler.now() - t0).toBeGreaterThanOrEqual(3990);
    expect(wallMs).toBeLessThan(1000);
  });

  it('scales re-scheduled periodic actions (interval)', async () => {
    const scheduler = createScaledScheduler(100);
    const t0 = scheduler.now();
    const stamps = await firstValueFrom(interval(500, scheduler).pipe(take(4), toArray()));
    expect(stamps).toEqual([0, 1, 2, 3]);
    expect(scheduler.now() - t0).toBeGreaterThanOrEqual(1990);
  });

  it('cancels scheduled work on unsubscribe', async () => {
    const scheduler = createScaledScheduler(100);
    let ran = false;
    const sub = scheduler.schedule(() => {
      ran = true;
    }, 1000);
    sub.unsubscribe();
    await new Promise((r) => setTimeout(r, 30));
    expect(ran).toBe(false);
  });

  it('rejects a non-positive speed', () => {
    expect(() => createScaledScheduler(0)).toThrow(/speed/);
  });
});
