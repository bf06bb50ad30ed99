import type { EngineOptions } from '@legato/engine';

/**
 * Engine settings both demos use (Node sandbox and `--browser`), so they behave alike:
 * - a 20 s forward goal keeps fetching through the whole 60 s fixture, so the ABR meets the
 *   trace's dips and peaks (the default 40 s goal would download it all in the first seconds);
 * - a conservative first estimate, as on a cellular link: the first segment comes at a low rung
 *   and the controller climbs once it has measured the network.
 */
export const DEMO_ENGINE_OPTIONS = {
  buffer: { forwardGoalS: 20 },
  abr: { defaultEstimateBps: 100_000 },
  drm: { userAgent: 'legato-demo/0.1' },
} as const satisfies Omit<EngineOptions, 'ports'>;
