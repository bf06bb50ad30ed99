import type { Manifest } from '@legato/mpd';
import { planTrack } from '../core/plan-track.js';
import type { TrackHost, TrackRuntime } from './track-runtime.js';

/**
 * Plans (or re-plans) a track from its manifest: ladder, ABR controller, and the rung in use
 * mapped onto the new ladder by representation id.
 */
export function setPlan(rt: TrackRuntime, host: TrackHost, manifest: Manifest): void {
  const inUse = rt.plan?.ladder[rt.rungIndex]?.representation.id;
  const plan = planTrack(manifest, host.caps());
  rt.manifest = manifest;
  rt.plan = plan;
  rt.abr = host.createAbr(plan);
  const kept = plan.ladder.findIndex((r) => r.representation.id === inUse);
  rt.rungIndex = kept >= 0 ? kept : Math.min(rt.rungIndex, plan.ladder.length - 1);
}
