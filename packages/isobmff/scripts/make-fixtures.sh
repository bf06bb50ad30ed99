#!/bin/sh
# Regenerates the tiny real-ffmpeg fixtures the isobmff tests parse: 2 s of a 440 Hz tone as
# fragmented MP4 (one fragment per second, default-base-is-moof), FLAC and Opus, bit-exact.
set -eu
cd "$(dirname "$0")/../fixtures"
common="-hide_banner -loglevel error -y -fflags +bitexact -f lavfi -i sine=frequency=440:sample_rate=48000:duration=2 -ac 1 -map_metadata -1"
frag="-movflags +frag_keyframe+empty_moov+default_base_moof -frag_duration 1000000 -flags +bitexact"
ffmpeg $common -c:a flac -strict -2 -sample_fmt s16 $frag flac-2s.mp4
ffmpeg $common -c:a libopus -b:a 16k $frag opus-2s.mp4
ls -l flac-2s.mp4 opus-2s.mp4
