/**
 * fast-check arbitrary of small MPD "specs" and their XML serialization, for round-trip
 * property tests. Not part of the public API.
 */
import fc from 'fast-check';

/** How a generated representation addresses its segments. */
export type SpecAddressing =
  | { kind: 'list'; timescale: number; duration: number; ranges: readonly [number, number][] }
  | { kind: 'template'; timescale: number; duration: number; startNumber: number }
  | { kind: 'timeline'; timescale: number; runs: readonly { d: number; r: number }[]; t0: number };

export interface RepSpec {
  id: string;
  bandwidth: number;
  codecs: string;
  qualityRanking: number | null;
  channels: number;
  bitDepth: number | null;
  addressing: SpecAddressing;
}

export interface SetSpec {
  id: string;
  selectionPriority: number | null;
  lang: string | null;
  trackType: 'SD' | 'HD' | 'UHD' | '3D' | null;
  switchableWith: readonly string[];
  reps: readonly RepSpec[];
}

export interface MpdSpec {
  durationS: number;
  sets: readonly SetSpec[];
}

const token = fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/);

const ranges = fc
  .array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 30 })
  .chain((sizes) =>
    fc.integer({ min: 0, max: 5000 }).map((start) => {
      const out: [number, number][] = [];
      let o = start;
      for (const s of sizes) {
        out.push([o, o + s - 1]);
        o += s;
      }
      return out;
    }),
  );

const addressing: fc.Arbitrary<SpecAddressing> = fc.oneof(
  fc
    .record({
      kind: fc.constant('list' as const),
      timescale: fc.constantFrom(1, 1000, 44100, 48000),
      duration: fc.integer({ min: 1, max: 20 }),
      ranges,
    })
    .map((a) => ({ ...a, duration: a.duration * a.timescale })),
  fc
    .record({
      kind: fc.constant('template' as const),
      timescale: fc.constantFrom(1, 1000, 48000),
      duration: fc.integer({ min: 1, max: 12 }),
      startNumber: fc.integer({ min: 0, max: 100 }),
    })
    .map((a) => ({ ...a, duration: a.duration * a.timescale })),
  fc.record({
    kind: fc.constant('timeline' as const),
    timescale: fc.constantFrom(1000, 48000),
    runs: fc.array(
      fc.record({ d: fc.integer({ min: 1, max: 500_000 }), r: fc.integer({ min: 0, max: 5000 }) }),
      {
        minLength: 1,
        maxLength: 8,
      },
    ),
    t0: fc.integer({ min: 0, max: 1_000_000 }),
  }),
);

const rep = fc.record({
  id: token,
  bandwidth: fc.integer({ min: 1, max: 50_000_000 }),
  codecs: fc.constantFrom('flac', 'opus', 'mp4a.40.2', 'ec-3'),
  qualityRanking: fc.option(fc.integer({ min: 0, max: 20 })),
  channels: fc.integer({ min: 1, max: 8 }),
  bitDepth: fc.option(fc.constantFrom(16, 24)),
  addressing,
});

const set = fc.record({
  id: token,
  selectionPriority: fc.option(fc.integer({ min: 0, max: 5000 })),
  lang: fc.option(fc.constantFrom('en', 'de', 'ja')),
  trackType: fc.option(
    fc.constantFrom('SD' as const, 'HD' as const, 'UHD' as const, '3D' as const),
  ),
  switchableWith: fc.uniqueArray(token, { maxLength: 3 }),
  reps: fc.uniqueArray(rep, { minLength: 1, maxLength: 3, selector: (r) => r.id }),
});

/** Arbitrary MPD spec: 1–3 adaptation sets of 1–3 representations, mixed addressing. */
export const mpdSpec: fc.Arbitrary<MpdSpec> = fc.record({
  durationS: fc.integer({ min: 1, max: 3600 }),
  sets: fc.uniqueArray(set, { minLength: 1, maxLength: 3, selector: (s) => s.id }),
});

function addressingXml(a: SpecAddressing): string {
  switch (a.kind) {
    case 'list':
      return `<SegmentList timescale="${a.timescale}" duration="${a.duration}"><Initialization range="0-99"/>${a.ranges
        .map(([s, e]) => `<SegmentURL mediaRange="${s}-${e}"/>`)
        .join('')}</SegmentList>`;
    case 'template':
      return `<SegmentTemplate timescale="${a.timescale}" duration="${a.duration}" startNumber="${a.startNumber}" media="$RepresentationID$/$Number%04d$.m4s" initialization="$RepresentationID$/init.mp4"/>`;
    case 'timeline':
      return `<SegmentTemplate timescale="${a.timescale}" presentationTimeOffset="${a.t0}" media="$Time$.m4s"><SegmentTimeline>${a.runs
        .map(
          (run, i) =>
            `<S${i === 0 ? ` t="${a.t0}"` : ''} d="${run.d}"${run.r ? ` r="${run.r}"` : ''}/>`,
        )
        .join('')}</SegmentTimeline></SegmentTemplate>`;
  }
}

/** Serializes a spec as an MPD (one period, SegmentList/SegmentTemplate/SegmentTimeline). */
export function specToXml(spec: MpdSpec): string {
  const sets = spec.sets.map((s) => {
    const props = [
      s.trackType === null
        ? ''
        : `<SupplementalProperty schemeIdUri="amz-music:trackType" value="${s.trackType}"/>`,
      s.switchableWith.length === 0
        ? ''
        : `<SupplementalProperty schemeIdUri="urn:mpeg:dash:adaptation-set-switching:2016" value="${s.switchableWith.join(',')}"/>`,
    ].join('');
    const reps = s.reps.map(
      (r) =>
        `<Representation id="${r.id}" bandwidth="${r.bandwidth}" codecs="${r.codecs}"${
          r.qualityRanking === null ? '' : ` qualityRanking="${r.qualityRanking}"`
        }><AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="${r.channels}"/>${
          r.bitDepth === null
            ? ''
            : `<SupplementalProperty schemeIdUri="amz-music:bitDepth" value="${r.bitDepth}"/>`
        }${addressingXml(r.addressing)}</Representation>`,
    );
    return `<AdaptationSet id="${s.id}" mimeType="audio/mp4"${
      s.selectionPriority === null ? '' : ` selectionPriority="${s.selectionPriority}"`
    }${s.lang === null ? '' : ` lang="${s.lang}"`}>${props}${reps.join('')}</AdaptationSet>`;
  });
  return `<?xml version="1.0"?><MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT${spec.durationS}S"><BaseURL>https://cdn.example/</BaseURL><Period>${sets.join('')}</Period></MPD>`;
}
