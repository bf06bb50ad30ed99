// Runs inside headless Chromium: what every engine scenario starts from.
import { createScaledScheduler } from '@legato/testkit';
import type { SchedulerLike } from 'rxjs';
import { type EmeCdm, emeCdm } from '../../index.js';

/**
 * An `<audio>` element in the page that plays at `speed` once playing, the scheduler of the same
 * speed, and a ClearKey `emeCdm` on the element for these content types.
 */
export function scenarioAudio(
  speed: number,
  audioContentTypes: readonly string[],
): { audio: HTMLAudioElement; scheduler: SchedulerLike; cdm: EmeCdm } {
  const audio = document.createElement('audio');
  document.body.append(audio);
  audio.addEventListener('playing', () => {
    audio.playbackRate = speed;
  });
  const cdm = emeCdm({ keySystem: 'org.w3.clearkey', mediaElement: audio, audioContentTypes });
  return { audio, scheduler: createScaledScheduler(speed), cdm };
}
