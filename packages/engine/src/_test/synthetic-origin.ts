/**
 * Test helper for virtual-time engine tests: an in-memory WHATWG `fetch` serving a hand-written
 * Amazon-style MPD (SegmentList byte ranges, default_KID, amz:LicenseUrl) and synthetic media
 * bytes with real Range / 206 / Content-Range semantics. The end-to-end tests use the real
 * loopback origin and packaged media instead.
 */
export const KID = '0123456789abcdef0123456789abcdef';
export const KEY = '00112233445566778899aabbccddeeff';

export interface SyntheticTrack {
  readonly segments: number;
  readonly segmentDurationS: number;
  /** Representations: id, bandwidth, codecs, bytes per segment. */
  readonly reps: readonly {
    id: string;
    bandwidth: number;
    codecs: string;
    segmentBytes: number;
    set: 'SD' | 'HD';
  }[];
}

export const defaultTrack: SyntheticTrack = {
  segments: 9,
  segmentDurationS: 10,
  reps: [
    { id: 'opus-128', bandwidth: 128_000, codecs: 'opus', segmentBytes: 4000, set: 'SD' },
    { id: 'flac-hd', bandwidth: 1_000_000, codecs: 'flac', segmentBytes: 12000, set: 'HD' },
  ],
};

const KID_UUID = `${KID.slice(0, 8)}-${KID.slice(8, 12)}-${KID.slice(12, 16)}-${KID.slice(16, 20)}-${KID.slice(20)}`;

/** The MPD of `track`; `licenseUrl: null` writes a clear (unprotected) track. */
export function buildMpd(
  track: SyntheticTrack,
  mediaBase: string,
  licenseUrl: string | null,
): string {
  const sets = (['HD', 'SD'] as const).map((kind, i) => {
    const reps = track.reps.filter((r) => r.set === kind);
    const body = reps
      .map((r) => {
        const urls: string[] = [];
        let off = 100;
        for (let s = 0; s < track.segments; s++) {
          urls.push(`<SegmentURL mediaRange="${off}-${off + r.segmentBytes - 1}"/>`);
          off += r.segmentBytes;
        }
        return `<Representation id="${r.id}" bandwidth="${r.bandwidth}" codecs="${r.codecs}" mimeType="audio/mp4" audioSamplingRate="48000">
  <BaseURL>${mediaBase}${r.id}.mp4</BaseURL>
  <SegmentList timescale="1000" duration="${track.segmentDurationS * 1000}"><Initialization range="0-99"/>${urls.join('')}</SegmentList>
</Representation>`;
      })
      .join('\n');
    return `<AdaptationSet id="${i + 1}" contentType="audio" selectionPriority="${kind === 'HD' ? 2000 : 1000}">
${licenseUrl === null ? '' : protection(licenseUrl)}
 <SupplementalProperty schemeIdUri="amz-music:trackType" value="${kind}"/>
 <SupplementalProperty schemeIdUri="urn:mpeg:dash:adaptation-set-switching:2016" value="${i === 0 ? 2 : 1}"/>
 ${body}
</AdaptationSet>`;
  });
  const dur = track.segments * track.segmentDurationS;
  return `<?xml version="1.0" encoding="UTF-8"?>
<MPD type="static" mediaPresentationDuration="PT${dur}S" minBufferTime="PT2S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011" xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:cenc="urn:mpeg:cenc:2013" xmlns:amz="urn:amazon:music:3p:music:2020">
<Period id="0">
${sets.join('\n')}
</Period>
</MPD>`;
}

function protection(licenseUrl: string): string {
  return `<ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" cenc:default_KID="${KID_UUID}" value="cenc"/>
 <ContentProtection schemeIdUri="urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e"><amz:LicenseUrl>${licenseUrl}</amz:LicenseUrl></ContentProtection>`;
}

/**
 * A representation's file: a 100-byte init (`ftyp` + `free`), then one fragment per segment:
 * `moof`/`traf` (with an empty `senc` once past `clearLeadS`, as CENC fragments have) and an
 * `mdat` filling the segment's bytes.
 */
export function mediaFile(track: SyntheticTrack, repId: string, clearLeadS = 30): Uint8Array {
  const rep = track.reps.find((r) => r.id === repId);
  if (!rep) throw new Error(`no representation ${repId}`);
  const parts: Uint8Array[] = [
    box('ftyp', new Uint8Array(12)),
    box('free', new Uint8Array(100 - 20 - 8)),
  ];
  for (let s = 0; s < track.segments; s++) {
    const encrypted = s * track.segmentDurationS >= clearLeadS;
    const traf = box('traf', encrypted ? box('senc', new Uint8Array(8)) : new Uint8Array(0));
    const moof = box('moof', traf);
    parts.push(moof, box('mdat', new Uint8Array(rep.segmentBytes - moof.length - 8).fill(s)));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function box(type: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  new DataView(out.buffer).setUint32(0, out.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(payload, 8);
  return out;
}

/** Requests the fake fetch saw. */
export interface SeenRequest {
  readonly url: string;
  readonly range: string | null;
  readonly status: number;
}

/** What an in-memory origin answers to one request: status, headers and body bytes. */
export interface MemoryAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array<ArrayBuffer> | null;
}

/**
 * Answers a GET for `url` from `files` (query ignored) with Range / 206 / Content-Range
 * semantics; `forced` overrides the status (no body); an unknown URL is a 404.
 */
export function answerFromMemory(
  files: Map<string, Uint8Array>,
  url: string,
  range: string | null,
  forced?: number,
): MemoryAnswer {
  const body = files.get(url.split('?')[0] ?? url);
  if (forced !== undefined || !body) return { status: forced ?? 404, headers: {}, body: null };
  const m = range ? /^bytes=(\d+)-(\d+)$/.exec(range) : null;
  if (!m) {
    return { status: 200, headers: { 'content-length': String(body.length) }, body: body.slice() };
  }
  const start = Number(m[1]);
  const end = Math.min(Number(m[2]), body.length - 1);
  return {
    status: 206,
    headers: {
      'content-range': `bytes ${start}-${end}/${body.length}`,
      'content-length': String(end - start + 1),
    },
    body: body.slice(start, end + 1),
  };
}

/** The URL and Range header of a fetch call. */
export function requestOf(
  input: RequestInfo | URL,
  init?: RequestInit,
): {
  url: string;
  range: string | null;
} {
  const url = String(input instanceof Request ? input.url : input);
  return { url, range: new Headers(init?.headers).get('range') };
}

/** An in-memory fetch: `files` by URL; `status(url)` may force an HTTP status. */
export function createMemoryFetch(
  files: Map<string, Uint8Array>,
  status: (url: string) => number | undefined = () => undefined,
): { fetch: typeof globalThis.fetch; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const { url, range } = requestOf(input, init);
    const answer = answerFromMemory(files, url, range, status(url));
    seen.push({ url, range, status: answer.status });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}
