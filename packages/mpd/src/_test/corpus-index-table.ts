/**
 * Segment indexes of real manifests (../shared/data/real-world/mpd), derived BY HAND from the
 * DASH rules of ISO/IEC 23009-1 — not from this parser's output. Each row names the
 * representation by position, the options it is parsed with (document URL
 * `https://corpus.test/<folder>/<file>`), and the count and first/last segment: URL, byte
 * range, start and duration in seconds (written as ticks / timescale). `note` is the derivation.
 */
export interface CorpusIndexRow {
  readonly file: string;
  readonly period: number;
  readonly set: number;
  readonly rep: number;
  /** Wall clock for live windows, when the row depends on one. */
  readonly now?: string;
  /** The media file whose `sidx` completes a SegmentBase index (under real-world/media). */
  readonly sidxFrom?: string;
  readonly count: number;
  readonly first?: Seg;
  readonly last?: Seg;
  /** For SegmentBase rows: the initialization and index references. */
  readonly init?: { readonly url: string; readonly range: readonly [number, number] | null };
  readonly index?: { readonly url: string; readonly range: readonly [number, number] | null };
  readonly note: string;
}

export interface Seg {
  readonly url: string;
  readonly range: readonly [number, number] | null;
  readonly startS: number;
  readonly durationS: number;
}

const C = 'https://corpus.test';

export const corpusIndexTable: readonly CorpusIndexRow[] = [
  {
    file: 'shaka/3675_dash_0.mpd',
    period: 0,
    set: 0,
    rep: 0,
    count: 1,
    first: { url: `${C}/shaka/chunk-stream0-00001.m4s`, range: null, startS: 10, durationS: 2 },
    last: { url: `${C}/shaka/chunk-stream0-00001.m4s`, range: null, startS: 10, durationS: 2 },
    note: 'dynamic, Period@start PT10S, no period end; one S t=0 d=30720 at 15360/s = 2 s; $Number%05d$ from startNumber 1; start = 10 + 0/15360',
  },
  {
    file: 'shaka/dash-aes-128_dash.mpd',
    period: 0,
    set: 0,
    rep: 0,
    count: 4,
    first: {
      url: `${C}/shaka/Fragments(video=0,format=mpd-time-csf)`,
      range: null,
      startS: 0,
      durationS: 2,
    },
    last: {
      url: `${C}/shaka/Fragments(video=60000000,format=mpd-time-csf)`,
      range: null,
      startS: 6,
      durationS: 2,
    },
    note: 'S without @t starts at 0 (§5.3.9.6); d=2e7 r=4 at 1e7/s = five 2 s segments at 0,2,4,6,8 s, but the period is PT8S: the one starting at 8 s is outside, so 4; $Time$ of the 4th = 3 × 2e7',
  },
  {
    file: 'shaka/dash-audio-ac3_dash.mpd',
    period: 0,
    set: 0,
    rep: 0,
    count: 2,
    first: {
      url: `${C}/shaka/audio_und_2c_192k_ac3_1.mp4`,
      range: null,
      startS: 0,
      durationS: 89088 / 44100,
    },
    last: {
      url: `${C}/shaka/audio_und_2c_192k_ac3_2.mp4`,
      range: null,
      startS: 89088 / 44100,
      durationS: 87312 / 44100,
    },
    note: 'two S (t=0 d=89088; t=89088 d=87312) at 44100/s; 89088 + 87312 = 176400 = exactly the PT4S period, nothing cut',
  },
  {
    file: 'shaka/dash-vr_dash.mpd',
    period: 0,
    set: 0,
    rep: 0,
    count: 35,
    first: { url: `${C}/shaka/segment_0.m4s`, range: null, startS: 0, durationS: 120119 / 30000 },
    last: {
      url: `${C}/shaka/segment_34.m4s`,
      range: null,
      startS: (34 * 120119) / 30000,
      durationS: (137 * 30000 - 34 * 120119) / 30000,
    },
    note: 'SegmentTemplate@duration 120119 at 30000/s in a 137 s period (P0Y0M0DT0H2M17.000S): ceil(4110000 / 120119) = ceil(34.22) = 35 segments, startNumber 0; the last starts at 34 × 120119 and is cut at the period end (§5.3.9.5.3)',
  },
  {
    file: 'shaka/dash-clearkey_dash.mpd',
    period: 0,
    set: 0,
    rep: 0,
    count: 5,
    first: { url: `${C}/shaka/video-H264-288-400k_1.m4s`, range: null, startS: 0, durationS: 4 },
    last: { url: `${C}/shaka/video-H264-288-400k_5.m4s`, range: null, startS: 16, durationS: 4 },
    note: 'S t=0 d=96 r=4 at 24/s: five 4 s segments filling the PT20S period; $Number$ 1..5',
  },
  {
    file: 'shaka/dash-event-callback_dash.mpd',
    period: 0,
    set: 0,
    rep: 0,
    count: 1,
    first: { url: `${C}/dash-svta-2053-2/0001.m4s`, range: null, startS: 0, durationS: 4 },
    last: { url: `${C}/dash-svta-2053-2/0001.m4s`, range: null, startS: 0, durationS: 4 },
    note: 'Period@duration PT4S, @duration 96 at 24/s = 4 s: ceil(1) = 1 segment; "../dash-svta-2053-2/$Number%04d$.m4s" resolved against …/shaka/dash-event-callback_dash.mpd (RFC 3986 §5.2.4 removes the shaka/ segment)',
  },
  {
    file: 'shaka/6339_master.mpd',
    period: 0,
    set: 0,
    rep: 0,
    count: 5,
    first: { url: `${C}/shaka/v.mp4`, range: [746, 18481], startS: 0, durationS: 9.982 },
    last: {
      url: `${C}/shaka/v.mp4`,
      range: [60107, 73979],
      startS: (4 * 9982) / 1000,
      durationS: 9.982,
    },
    note: 'SegmentList @duration 9982 at 1000/s with 5 SegmentURLs in an 84 s period: min(5, ceil(84000 / 9982) = 9) = 5; each SegmentURL gives media + mediaRange',
  },
  {
    file: 'shaka/6339_master.mpd',
    period: 0,
    set: 1,
    rep: 0,
    count: 12,
    first: { url: `${C}/shaka/a.mp4`, range: [664, 3020], startS: 0, durationS: 4 },
    last: { url: `${C}/shaka/a.mp4`, range: [26460, 28799], startS: 44, durationS: 4 },
    note: 'SegmentList @duration 4000 at 1000/s, 12 SegmentURLs: min(12, ceil(84 / 4) = 21) = 12; the 12th starts at 11 × 4 s',
  },
  {
    file: 'androidx/mpd_sample_mpd_segment_template',
    period: 0,
    set: 0,
    rep: 0,
    count: 5,
    first: {
      url: 'http://redirector.googlevideo.com/videoplayback/id/BktsoMO3OMs.0/itag/140/source/yt_live_broadcast/ratebypass/yes/cmbypass/yes/mime/audio%2Fmp4/live/1/gir/yes/noclen/1/signature/B5137EA0CC278C07DD056D204E863CC81EDEB39E.1AD5D242EBC94922EDA7165353A89A5E08A4103A/key/dg_test0/mpd_version/5/ip/0.0.0.0/ipbits/0/expire/1476490914/sparams/ip,ipbits,expire,id,itag,source,ratebypass,cmbypass,mime,live,gir,noclen/sq/0',
      range: null,
      startS: 6.009,
      durationS: 2.002,
    },
    last: {
      url: 'http://redirector.googlevideo.com/videoplayback/id/BktsoMO3OMs.0/itag/140/source/yt_live_broadcast/ratebypass/yes/cmbypass/yes/mime/audio%2Fmp4/live/1/gir/yes/noclen/1/signature/B5137EA0CC278C07DD056D204E863CC81EDEB39E.1AD5D242EBC94922EDA7165353A89A5E08A4103A/key/dg_test0/mpd_version/5/ip/0.0.0.0/ipbits/0/expire/1476490914/sparams/ip,ipbits,expire,id,itag,source,ratebypass,cmbypass,mime,live,gir,noclen/sq/4',
      range: null,
      startS: 14,
      durationS: 2,
    },
    note: 'legacy namespace urn:mpeg:DASH:schema:MPD:2011; Period-level template inherited: S t=6009 d=2002 r=2 (6009, 8011, 10013), S d=1985 at 12015, S d=2000 at 14000 = 5 segments, startNumber 0; the absolute BaseURL ends in "/" so sq/N is appended',
  },
  {
    file: 'androidx/mpd_sample_mpd_live_with_time_shift_buffer_16_secs',
    period: 0,
    set: 0,
    rep: 0,
    now: '2020-01-01T01:00:00Z',
    count: 9,
    first: { url: `${C}/androidx/chunk-01793.mp4`, range: null, startS: 3584, durationS: 2 },
    last: { url: `${C}/androidx/chunk-01801.mp4`, range: null, startS: 3600, durationS: 2 },
    note: 'now = AST + 3600 s (the UTCTiming value); 2 s segments; available when AST + end − availabilityTimeOffset(2 s) ≤ now, so the last available ends at 3602 s: position 1800, number 1801; time shift buffer 16 s: the first is the one covering now − 16 = 3584 s, position 1792, number 1793; 1801 − 1793 + 1 = 9',
  },
  {
    file: 'androidx/mpd_sample_mpd_vod',
    period: 0,
    set: 0,
    rep: 0,
    count: 226,
    first: { url: `${C}/androidx/video_0_1300000.m4s`, range: null, startS: 0, durationS: 4 },
    last: {
      url: `${C}/androidx/video_900000_1300000.m4s`,
      range: null,
      startS: 900,
      durationS: 4,
    },
    note: 'S d=4000 r=225 without @t: 226 × 4 s from 0 = 904 s = the period; $Time$ and $Bandwidth$ (1300000) substituted',
  },
  {
    file: 'androidx/mpd_sample_mpd_vod',
    period: 0,
    set: 1,
    rep: 0,
    count: 283,
    first: { url: `${C}/androidx/audio_0_128000.m4s`, range: null, startS: 0, durationS: 3.2 },
    last: {
      url: `${C}/androidx/audio_902400_128000.m4s`,
      range: null,
      startS: 902.4,
      durationS: 1.6,
    },
    note: 'S d=3200 r=281 (282 × 3.2 s = 902.4 s) then S d=1600 at 902400: 283 segments ending at exactly 904 s',
  },
  {
    file: 'androidx/mpd_sample_mpd_text_presentation_time_offset',
    period: 0,
    set: 2,
    rep: 0,
    count: 1,
    first: { url: 'https://test.com/mp4/0', range: null, startS: 0, durationS: 10 },
    last: { url: 'https://test.com/mp4/0', range: null, startS: 0, durationS: 10 },
    note: 'PTO 5000 and S t=5000 at 1000/s: presentation start (5000 − 5000) / 1000 = 0; "mp4/0" resolved against BaseURL https://test.com/2 replaces the last path segment',
  },
  {
    file: 'shaka-old/angel_one.mpd',
    period: 0,
    set: 6,
    rep: 0,
    count: 1,
    first: {
      url: 'https://shaka-player-demo.appspot.com/assets/angel_one/subs/s-en.vtt',
      range: null,
      startS: 0,
      durationS: 59.994,
    },
    last: {
      url: 'https://shaka-player-demo.appspot.com/assets/angel_one/subs/s-en.vtt',
      range: null,
      startS: 0,
      durationS: 59.994,
    },
    note: 'no segment element: the BaseURL is the one segment over the whole 59.994 s period; "//host/…/" (network-path reference) takes the document scheme https, then subs/s-en.vtt',
  },
  {
    file: 'shaka-old/angel_one.mpd',
    period: 0,
    set: 0,
    rep: 0,
    count: 0,
    init: {
      url: 'https://shaka-player-demo.appspot.com/assets/angel_one/a-de.webm',
      range: [0, 4521],
    },
    index: {
      url: 'https://shaka-player-demo.appspot.com/assets/angel_one/a-de.webm',
      range: [682068, 682263],
    },
    note: 'SegmentBase@indexRange (a WebM Cues index, not loaded here): no segments until the index bytes are given; Initialization range 0-4521 of the same resource',
  },
  {
    file: 'shaka-old/car_segmenttemplate.mpd',
    period: 0,
    set: 0,
    rep: 0,
    count: 16,
    first: {
      url: 'https://storage.googleapis.com/gtv-videos-bucket/dash/CarWidevine/car-video-1.mp4',
      range: null,
      startS: 3754 / 90000,
      durationS: (904654 - 3754) / 90000,
    },
    last: {
      url: 'https://storage.googleapis.com/gtv-videos-bucket/dash/CarWidevine/car-video-16.mp4',
      range: null,
      startS: 16219954 / 90000,
      durationS: 112597 / 90000,
    },
    note: 'static without a presentation duration: no period end; 16 S with explicit @t; S[1]@t = 904654 is 60 ticks before S[0] ends (3754 + 900960 = 904714), so S[0] is cut to end at 904654 (shaka’s rule; MPD_TIMELINE_OVERLAP warning)',
  },
  {
    file: 'shaka/7401_dash_0.mpd',
    period: 0,
    set: 0,
    rep: 0,
    count: 7,
    first: { url: `${C}/shaka/chunk-stream0-00001.m4s`, range: null, startS: 1000, durationS: 2 },
    last: { url: `${C}/shaka/chunk-stream0-00007.m4s`, range: null, startS: 1012, durationS: 2 },
    note: 'Period start 1000 s, duration 14 s; S t=0 d=30720 r=6 at 15360/s: 7 × 2 s exactly filling it',
  },
  {
    file: 'shaka/7401_dash_0.mpd',
    period: 2,
    set: 0,
    rep: 0,
    count: 2,
    first: { url: `${C}/shaka/chunk-stream0-00001.m4s`, range: null, startS: 1028, durationS: 2 },
    last: { url: `${C}/shaka/chunk-stream0-00002.m4s`, range: null, startS: 1030, durationS: 2 },
    note: 'last Period of a dynamic MPD, start 1028 s, no end; S r=1: 2 segments',
  },
  {
    file: 'shaka/lcevc-dual-track_multi_period.mpd',
    period: 1,
    set: 1,
    rep: 0,
    count: 2,
    first: {
      url: `${C}/shaka/out-sorted-video_1=1877000-0.dash`,
      range: null,
      startS: 8,
      durationS: 4,
    },
    last: {
      url: `${C}/shaka/out-sorted-video_1=1877000-61440.dash`,
      range: null,
      startS: 12,
      durationS: 4,
    },
    note: 'second Period (start PT8S, duration PT8S); S t=0 d=61440 and S d=61440 at 15360/s: two 4 s segments; $RepresentationID$ = "video_1=1877000", $Time$ 0 and 61440',
  },
  {
    file: 'androidx/dash_multi-period-with-offset_sample.mpd',
    period: 0,
    set: 0,
    rep: 0,
    sidxFrom: 'androidx-dash/multi-period-with-offset/sample.video.mp4',
    count: 1,
    first: {
      url: `${C}/androidx/sample.video.mp4`,
      range: [906, 91241],
      startS: 0,
      durationS: 0.5,
    },
    last: { url: `${C}/androidx/sample.video.mp4`, range: [906, 91241], startS: 0, durationS: 0.5 },
    note: 'sidx at bytes 862-905 (read by hand: v0, timescale 30000, EPT 0, first_offset 0, 1 reference: size 0x160e0 = 90336, duration 0x754e = 30030); media bytes 906 .. 906 + 90336 − 1; the 1.001 s subsegment is cut at the 0.5 s Period@duration',
  },
  {
    file: 'androidx/dash_multi-period-with-offset_sample.mpd',
    period: 1,
    set: 0,
    rep: 0,
    sidxFrom: 'androidx-dash/multi-period-with-offset/sample.video.mp4',
    count: 1,
    first: {
      url: `${C}/androidx/sample.video.mp4`,
      range: [906, 91241],
      startS: 0,
      durationS: 1.001,
    },
    last: {
      url: `${C}/androidx/sample.video.mp4`,
      range: [906, 91241],
      startS: 0,
      durationS: 1.001,
    },
    note: 'Period 1 starts at 0.5 s (after the 0.5 s Period 0) and runs to 1.0010000467300415 s; PTO 15000 at 30000/s = 0.5 s, so the same subsegment (EPT 0) starts at 0.5 + (0 − 15000) / 30000 = 0 and keeps its 30030 ticks (it ends at 1.001 s, before the period end)',
  },
  {
    file: 'shaka/dash-multi-codec_dash.mpd',
    period: 0,
    set: 1,
    rep: 0,
    count: 0,
    init: { url: `${C}/shaka/audio_en_2c_128k_aac.mp4`, range: [0, 785] },
    index: { url: `${C}/shaka/audio_en_2c_128k_aac.mp4`, range: [786, 1009] },
    note: 'on-demand profile SegmentBase: sidx at indexRange 786-1009 of the BaseURL resource, Initialization 0-785; segments come from the sidx',
  },
];
