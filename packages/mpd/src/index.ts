export {
  clockOffsetMs,
  serverTimeMsOf,
  type UtcTimingSource,
  utcTimingSource,
} from './core/clock-offset.js';
export { DescriptorSchemes } from './core/descriptors.js';
export type { MpdWarning, MpdWarningCode } from './core/diagnostics.js';
export { parseIsoDateTimeMs } from './core/iso-date-time.js';
export { parseIsoDurationS } from './core/iso-duration.js';
export type {
  AdaptationSet,
  ByteRange,
  ContentProtection,
  Descriptor,
  EventStream,
  InitializationReference,
  Loudness,
  Manifest,
  ManifestType,
  MpdEvent,
  Period,
  PsshInfo,
  Representation,
  SegmentAddressing,
  SegmentIndex,
  SegmentReference,
  TrackType,
  UtcTiming,
} from './core/model.js';
export { resolveUrl } from './core/resolve-url.js';
export {
  wellKnownXmlPrefixes,
  type XmlElement,
  XmlNamespaces,
  type XmlNode,
  type XmlReader,
} from './core/xml-reader.js';
export { createDomParserXmlReader, type DomParserLike } from './dom-parser-xml-reader.js';
export { type LoadSegmentIndexOptions, loadSegmentIndex } from './load-segment-index.js';
export {
  type MeasureClockOffsetOptions,
  measureClockOffsetMs,
} from './measure-clock-offset.js';
export { type MpdCaps, type ParseMpdOptions, parseMpd } from './parse-mpd.js';
export { type ParseMpdWithXlinksOptions, parseMpdWithXlinks } from './parse-mpd-with-xlinks.js';
export { type Json, type ToJsonOptions, toJSON } from './to-json.js';
export { createXmldomXmlReader, type XmldomXmlReaderOptions } from './xmldom-xml-reader.js';
