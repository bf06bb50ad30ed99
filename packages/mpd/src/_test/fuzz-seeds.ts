/** Small MPDs that reach the lenient paths, for mutation fuzzing (not part of the public API). */
export function fuzzSeedMpds(): string[] {
  const head =
    '<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:cenc="urn:mpeg:cenc:2013" xmlns:xlink="http://www.w3.org/1999/xlink" type="static" mediaPresentationDuration="PT30S">';
  return [
    `${head}<Period><AdaptationSet><ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cenc" cenc:default_KID="00112233-4455-6677-8899-aabbccddeeff"/>
<SegmentTemplate timescale="10000000" presentationTimeOffset="17999999990000000" media="$RepresentationID$/$Time$.m4s" initialization="$RepresentationID$/i.mp4">
<SegmentTimeline><S t="18000000000000001" d="20000000" r="3"/><S t="18000000079999941" d="20000000" r="-1"/></SegmentTimeline></SegmentTemplate>
<Representation id="a" bandwidth="64000"/><Representation id="b"/></AdaptationSet></Period></MPD>`,
    `${head}<Period id="1" duration="PT10S"><AdaptationSet><Representation id="s" bandwidth="1"><BaseURL>s.mp4</BaseURL><SegmentBase indexRange="900-967"><Initialization range="0-899"/></SegmentBase></Representation>
<Representation id="t" bandwidth="1"><BaseURL>t.mp4</BaseURL><SegmentBase><RepresentationIndex sourceURL="t.sidx"/></SegmentBase></Representation></AdaptationSet></Period>
<Period xlink:href="https://x.example/p" xlink:actuate="onLoad"/><Period start="PT20S"><AdaptationSet><SegmentList timescale="1000" duration="2000"><SegmentURL media="1.m4s" mediaRange="0-9"/><SegmentURL media="2.m4s"/></SegmentList><Representation id="l" bandwidth="1"/></AdaptationSet></Period></MPD>`,
    // A timeline long enough (> 2 KB) to be read without the DOM: mutations reach that reader.
    `${head}<Period><AdaptationSet><SegmentTemplate timescale="1000" media="$Time$.m4s"><SegmentTimeline>
${Array.from({ length: 120 }, (_, i) => `<S${i % 7 === 0 ? ` t="${i * 2000}"` : ''} d="2000"${i % 5 === 0 ? ' r="1"' : ''}/>`).join('\n')}
</SegmentTimeline></SegmentTemplate><Representation id="x" bandwidth="1"/></AdaptationSet></Period></MPD>`,
    // Segment Sequences (S@k, $SubNumber$), through the DOM and (long) through the column reader.
    `${head}<Period><AdaptationSet><SegmentTemplate timescale="40000" endNumber="9" media="$Time$-$SubNumber%02d$.m4s"><SegmentTimeline><S t="80000" d="120000" k="3"/><S d="240000" r="1" k="4"/></SegmentTimeline></SegmentTemplate><Representation id="k" bandwidth="1"/></AdaptationSet></Period>
<Period><AdaptationSet><SegmentTemplate timescale="1000" media="$Number$/$SubNumber$.m4s"><SegmentTimeline>
${Array.from({ length: 120 }, (_, i) => `<S d="4000"${i % 3 === 0 ? ' k="4"' : ''}${i % 4 === 0 ? ' r="1"' : ''}/>`).join('\n')}
</SegmentTimeline></SegmentTemplate><Representation id="kk" bandwidth="1"/></AdaptationSet></Period></MPD>`,
    `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="1970-01-01T00:00:00Z" timeShiftBufferDepth="PT30S"><Period start="PT0S"><AdaptationSet><SegmentTemplate timescale="48000" duration="96000" startNumber="7" media="$Number%06d$.m4s"/><Representation id="live" bandwidth="1"/></AdaptationSet></Period></MPD>`,
  ];
}
