import { defineCodes } from './define-codes.js';

/** Codes of `@legato/mpd`. */
export const mpdCodes = defineCodes({
  MPD_XML_MALFORMED: { retryable: false, description: 'The manifest is not well-formed XML.' },
  MPD_NOT_MPD: { retryable: false, description: 'The XML root element is not a DASH <MPD>.' },
  MPD_INVALID_ATTRIBUTE: {
    retryable: false,
    description:
      'An attribute has a value the DASH schema does not allow; element and attribute are named.',
  },
  MPD_TOO_LARGE: {
    retryable: false,
    description:
      "The manifest exceeds a size cap: a configured one (characters, nodes, references, S entries, Representations) or the default XML reader's longest comment.",
  },
  MPD_TOO_DEEP: {
    retryable: false,
    description: 'The XML nesting exceeds the configured depth cap.',
  },
  MPD_SIDX_INVALID: {
    retryable: false,
    description:
      'The bytes given to SegmentIndex.withSidx are not a usable sidx for this SegmentBase (malformed box, nested boxes missing, a hierarchical sidx in a separate index segment).',
  },
  MPD_UNDECLARED_PREFIX: {
    retryable: false,
    description:
      'The MPD uses a namespace prefix it never declares (a warning by default: the prefix is declared and the document re-read; an error with strict: true).',
  },
  MPD_TIMELINE_OVERLAP: {
    retryable: false,
    description:
      'A SegmentTimeline S@t starts before the previous segments end (a warning by default: the earlier segment is cut at the later start; an error with strict: true).',
  },
  MPD_XLINK_UNRESOLVED: {
    retryable: false,
    description:
      'An element with xlink:href was not resolved (no loader, onRequest, a failed load or a depth/count cap); the element is used as written.',
  },
  MPD_TOO_MANY_SEGMENTS: {
    retryable: false,
    description:
      'An index lists more than 2^53 - 1 segments, more than a JavaScript number can address exactly; positions past that are not listed.',
  },
  MPD_SEGMENT_OUT_OF_RANGE: {
    retryable: false,
    description: 'SegmentIndex.get was called with a position outside [0, count).',
  },
});
