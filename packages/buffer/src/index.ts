export type {
  MediaSink,
  SinkEvent,
  SinkInitChunk,
  SinkSegmentChunk,
  TimeRangeS,
} from './media-sink.js';
