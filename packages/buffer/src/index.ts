export type {
  AppendTarget,
  BufferCommand,
  BufferConfig,
  BufferConfigInput,
  BufferContext,
  BufferEvent,
  BufferPhase,
  BufferState,
  BufferStep,
  BufferTrack,
  FetchTarget,
  InitSlot,
  SegmentSlot,
  SegmentTiming,
  StallCause,
} from './core/buffer-types.js';
export {
  type CreateBufferStateOptions,
  createBufferState,
  defaultBufferConfig,
} from './core/create-buffer-state.js';
export { scheduleBuffer } from './core/schedule-buffer.js';
export type {
  MediaSink,
  SinkEvent,
  SinkInitChunk,
  SinkSegmentChunk,
  TimeRangeS,
} from './media-sink.js';
export {
  type BufferControllerOptions,
  bufferController$,
  type SegmentInspection,
} from './rx/buffer-controller.js';
