import {
  createDomParserXmlReader,
  type DomParserLike,
  type Manifest,
  parseMpd,
  type SegmentIndex,
  type SegmentReference,
  type TrackType,
  type XmlReader,
} from '@legato/mpd';
import { describe, expectTypeOf, it } from 'vitest';

describe('@legato/mpd public types', () => {
  it('returns a readonly Manifest whose segment index yields SegmentReferences', () => {
    expectTypeOf(parseMpd).returns.toEqualTypeOf<Manifest>();
    expectTypeOf<SegmentIndex['get']>().returns.toEqualTypeOf<SegmentReference>();
    expectTypeOf<SegmentIndex['withSidx']>().returns.toEqualTypeOf<SegmentIndex>();
    expectTypeOf<SegmentReference['range']>().toEqualTypeOf<{
      readonly start: number;
      readonly end: number;
    } | null>();
    const manifest = {} as Manifest;
    const mutate = () => {
      // @ts-expect-error the model is readonly
      manifest.periods = [];
    };
    expectTypeOf(mutate).toBeFunction();
  });

  it('keeps optional Amazon fields optional and closed', () => {
    type Rep = Manifest['periods'][number]['adaptationSets'][number]['representations'][number];
    expectTypeOf<Rep['bitDepth']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TrackType>().toEqualTypeOf<'SD' | 'HD' | 'UHD' | '3D'>();
  });

  it('accepts a browser DOMParser and exact options', () => {
    expectTypeOf<DOMParser>().toExtend<DomParserLike>();
    expectTypeOf(createDomParserXmlReader).returns.toEqualTypeOf<XmlReader>();
    // @ts-expect-error exactOptionalPropertyTypes: undefined is not a baseUrl
    parseMpd('<MPD/>', { baseUrl: undefined });
  });
});
