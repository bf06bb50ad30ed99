import { type FetchSegmentOptions, fetchSegment$ } from '@legato/fetch';
import { type Manifest, parseMpd } from '@legato/mpd';
import { filter, map, type Observable } from 'rxjs';

/** Fetches and parses an MPD (relative BaseURLs resolve against `url`). */
export function loadManifest$(url: string, options: FetchSegmentOptions): Observable<Manifest> {
  return fetchSegment$({ urls: [url], kind: 'manifest' }, options).pipe(
    filter((e) => e.type === 'complete'),
    map((e) => parseMpd(new TextDecoder().decode(e.bytes), { baseUrl: url })),
  );
}
