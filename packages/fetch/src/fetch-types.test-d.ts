import {
  createFetchQueue,
  type FetchEvent,
  type FetchSegmentOptions,
  fetchSegment$,
  type HttpPort,
  type RequestKind,
  type SegmentRequest,
  type Transport,
} from '@legato/fetch';
import type { Observable } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';

const request: SegmentRequest = { urls: ['https://cdn.example/t.mp4'], kind: 'media' };

describe('@legato/fetch public types', () => {
  it('streams FetchEvents that narrow on type', () => {
    expectTypeOf(fetchSegment$(request)).toEqualTypeOf<Observable<FetchEvent>>();
    expectTypeOf(createFetchQueue().fetch$(request)).toEqualTypeOf<Observable<FetchEvent>>();
    const narrow = (e: FetchEvent) => {
      if (e.type === 'complete') expectTypeOf(e.bytes).toEqualTypeOf<Uint8Array>();
      else expectTypeOf(e.deltaBytes).toEqualTypeOf<number>();
    };
    expectTypeOf(narrow).toBeFunction();
  });

  it('takes the platform fetch as the transport, and an Observable port below it', () => {
    expectTypeOf(globalThis.fetch).toExtend<Transport>();
    expectTypeOf<HttpPort>().parameter(0).toEqualTypeOf<{
      readonly url: string;
      readonly method: 'GET';
      readonly headers: Readonly<Record<string, string>>;
    }>();
  });

  it('spells request kinds as a closed union', () => {
    expectTypeOf<RequestKind>().toEqualTypeOf<
      'init' | 'index' | 'media' | 'manifest' | 'license'
    >();
    // @ts-expect-error — not a kind
    const bad: SegmentRequest = { urls: [], kind: 'video' };
    expectTypeOf(bad).toEqualTypeOf<SegmentRequest>();
  });

  it('rejects options outside the documented set and undefined where a value is required', () => {
    // @ts-expect-error — no such option
    const unknown: FetchSegmentOptions = { retries: 3 };
    // @ts-expect-error — exactOptionalPropertyTypes: absent, not undefined
    const undef: FetchSegmentOptions = { scheduler: undefined };
    expectTypeOf([unknown, undef]).toEqualTypeOf<FetchSegmentOptions[]>();
  });
});
