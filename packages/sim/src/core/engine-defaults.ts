/**
 * The player engine's defaults (`@legato/buffer`'s `defaultBufferConfig`, `@legato/engine`'s
 * estimator start), which {@link simulate} and `createLegatoSimPolicy` use unless told otherwise.
 * A test keeps them equal to the engine's.
 */
export const ENGINE_SIM_DEFAULTS = Object.freeze({
  /** Playback starts once this much media is buffered, s (`startupBufferS`). */
  startupS: 2,
  /** Playback resumes after a stall once this much is buffered, s (`rebufferGoalS`). */
  resumeS: 2,
  /** The next segment is requested while less than this is buffered, s (`forwardGoalS`). */
  bufferTargetS: 40,
  /** The bandwidth estimate before any sample, bits per second (engine `abr.defaultEstimateBps`). */
  defaultEstimateBps: 500_000,
});
