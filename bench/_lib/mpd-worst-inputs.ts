// The worst MPDs we can build within the 16 MB (16,777,216 UTF-16 units) parseMpd accepts,
// each aimed at one cost: DOM size, attribute handling, text/entity decoding, nesting, the
// error and recovery paths (which read the document twice), BaseURL combinations, index size.
const MAX = 16_777_216;
const NS = 'xmlns="urn:mpeg:dash:schema:mpd:2011"';
const HEAD = `<?xml version="1.0"?><MPD ${NS} type="static" mediaPresentationDuration="PT100000H">`;
/** Nodes (elements + attributes) below parseMpd's default cap of 100,000. */
const NODES = 99_000;

function fill(prefix: string, unit: string, suffix: string, maxUnits = Number.POSITIVE_INFINITY) {
  const n = Math.min(maxUnits, Math.floor((MAX - prefix.length - suffix.length) / unit.length));
  return prefix + unit.repeat(n) + suffix;
}

const timeline = (inner: string) =>
  `${HEAD}<Period><AdaptationSet><SegmentTemplate media="$Time$.m4s"><SegmentTimeline>${inner}</SegmentTimeline></SegmentTemplate><Representation id="r" bandwidth="1"/></AdaptationSet></Period></MPD>`;
const timelineOpen = `${HEAD}<Period><AdaptationSet><SegmentTemplate media="$Time$.m4s"><SegmentTimeline>`;
const timelineClose =
  '</SegmentTimeline></SegmentTemplate><Representation id="r" bandwidth="1"/></AdaptationSet></Period></MPD>';

const segmentListOpen = `${HEAD}<Period><AdaptationSet><Representation id="r" bandwidth="1"><SegmentList duration="1">`;
const segmentListClose = '</SegmentList></Representation></AdaptationSet></Period></MPD>';
const segmentList = (inner: string) => segmentListOpen + inner + segmentListClose;
const segmentUrl = (i: number) =>
  `<SegmentURL media="s${i}.m4s" mediaRange="${i * 1000}-${i * 1000 + 999}"/>`;

/** name → builder. Every builder returns at most 16,777,216 characters. */
export const worstInputs: Record<string, () => string> = {
  // 1.6 M S elements: the "10 MB / 1,000,001 S" case at the full 16 MB.
  's-elements-16MB': () => fill(timelineOpen, '<S d="1"/>', timelineClose),
  // 1,000,000 S (the default cap per timeline, 10 MB): read into columns, parsed.
  's-elements-1M-parsed': () => fill(timelineOpen, '<S d="1"/>', timelineClose, 1_000_000),
  // A comment in the body sends the timeline through the DOM: as many S as the node cap allows.
  's-elements-dom-path-at-node-cap': () =>
    timeline(`<!-- dom -->${'<S d="1"/>'.repeat(Math.floor(NODES / 2) - 10)}`),
  // As many S elements as the node cap lets through, each with t, d and r.
  's-elements-at-node-cap': () =>
    timeline(
      Array.from(
        { length: Math.floor(NODES / 4) },
        (_, i) => `<S t="${i * 10}" d="10" r="0"/>`,
      ).join(''),
    ),
  // A comment in the run sends the SegmentURLs through the DOM: as many as the node cap allows.
  'segment-urls-dom-path-at-node-cap': () =>
    segmentList(
      `${Array.from({ length: Math.floor(NODES / 3) - 10 }, (_, i) => segmentUrl(i)).join('')}<!-- dom -->`,
    ),
  // 100,000 SegmentURLs with media and mediaRange (6.3 MB): read into columns, parsed.
  'segment-urls-100k-parsed': () =>
    segmentList(Array.from({ length: 100_000 }, (_, i) => segmentUrl(i)).join('')),
  // As many tiny SegmentLists as 16 MB holds (~157,000): each would be read as text; past half
  // the node cap the rest is left to the DOM pre-scan, which refuses the document.
  'segment-lists-tiny-16MB': () =>
    fill(
      `${HEAD}<Period><AdaptationSet>`,
      '<Representation id="r" bandwidth="1"><SegmentList duration="1"><SegmentURL/></SegmentList></Representation>',
      '</AdaptationSet></Period></MPD>',
    ),
  // As many SegmentURLs as 16 MB holds (~400,000), each with entities to decode in @media.
  'segment-urls-16MB': () =>
    fill(segmentListOpen, '<SegmentURL media="a&amp;b" mediaRange="0-1"/>', segmentListClose),
  'representations-at-node-cap': () =>
    `${HEAD}<Period><AdaptationSet><SegmentTemplate duration="2" media="$RepresentationID$/$Number$.m4s"/>${Array.from(
      { length: Math.floor(NODES / 3) },
      (_, i) => `<Representation id="r${i}" bandwidth="${i + 1}"/>`,
    ).join('')}</AdaptationSet></Period></MPD>`,
  // One element with ~149,000 attributes (duplicate checks are per attribute).
  'attributes-on-one-element': () =>
    `<?xml version="1.0"?><MPD ${NS} ${Array.from({ length: NODES - 2 }, (_, i) => `a${i}="1"`).join(' ')}/>`,
  // ~149,000 namespace declarations on the root.
  'namespace-declarations': () =>
    `<?xml version="1.0"?><MPD ${NS} ${Array.from({ length: NODES - 2 }, (_, i) => `xmlns:p${i}="urn:x:${i}"`).join(' ')}/>`,
  'text-16MB': () => fill(`${HEAD}<BaseURL>https://a.example/`, 'x', '</BaseURL></MPD>'),
  'entities-16MB': () => fill(`${HEAD}<BaseURL>`, '&amp;', '</BaseURL></MPD>'),
  'char-references-16MB': () => fill(`${HEAD}<BaseURL>`, '&#x41;', '</BaseURL></MPD>'),
  'attribute-value-16MB': () => fill(`${HEAD.slice(0, -1)} profiles="`, 'x,', '"/>'),
  'comment-16MB': () => fill(`${HEAD}<!--`, 'x', '--></MPD>'),
  'whitespace-16MB': () => fill(HEAD, ' ', '</MPD>'),
  // Internal-subset entities (a billion-laughs attempt): never expanded into a bomb.
  'entity-expansion': () =>
    `<?xml version="1.0"?><!DOCTYPE MPD [<!ENTITY a "${'x'.repeat(1000)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><MPD ${NS}><BaseURL>${'&d;'.repeat(1000)}</BaseURL></MPD>`,
  // Maximum nesting (32) everywhere, repeated up to the node cap.
  'deep-nesting-at-node-cap': () =>
    `<?xml version="1.0"?><MPD ${NS}>${`${'<a>'.repeat(31)}${'</a>'.repeat(31)}`.repeat(Math.floor(NODES / 31))}</MPD>`,
  // Error paths read the document a second time: an undeclared prefix (recovered) and a
  // malformed end (located), each at the node cap.
  'undeclared-prefix-at-node-cap': () =>
    timeline(
      `${Array.from({ length: Math.floor(NODES / 2) - 10 }, () => '<S d="1"/>').join('')}<yt:x/>`,
    ),
  'malformed-end-at-node-cap': () =>
    timeline(
      `${Array.from({ length: Math.floor(NODES / 2) - 10 }, () => '<S d="1"/>').join('')}<x>`,
    ),
  // 16 BaseURLs at each of MPD, Period, AdaptationSet and every Representation.
  'baseurl-combinations': () => {
    const b = (p: string) =>
      Array.from({ length: 16 }, (_, i) => `<BaseURL>${p}${i}/</BaseURL>`).join('');
    const reps = Array.from(
      { length: 2000 },
      (_, i) => `<Representation id="r${i}" bandwidth="1">${b('r')}</Representation>`,
    ).join('');
    return `${HEAD}${b('https://m.example/')}<Period>${b('p')}<AdaptationSet>${b('a')}<SegmentTemplate duration="1" media="$Number$.m4s"/>${reps}</AdaptationSet></Period></MPD>`;
  },
  // Indexes that are huge by arithmetic, not by size: r near 2^53 and a 2^53-segment template.
  'huge-repeat-counts': () =>
    timeline(
      Array.from({ length: 1000 }, (_, i) => `<S t="${i * 2 ** 40}" d="1" r="${2 ** 45}"/>`).join(
        '',
      ),
    ).replace('PT100000H', 'P100000000Y'),
  'template-2^53-segments': () =>
    `${HEAD.replace('PT100000H', 'P1000000000Y')}<Period><AdaptationSet><SegmentTemplate timescale="1" duration="1" media="$Number$.m4s"/><Representation id="r" bandwidth="1"/></AdaptationSet></Period></MPD>`,
  'many-periods': () =>
    `${HEAD}${Array.from({ length: Math.floor(NODES / 2) }, () => '<Period duration="PT1S"/>').join('')}</MPD>`,
};
