import {
  findBox,
  findNode,
  locateSamples,
  parseBoxTree,
  parseInitSegment,
  parseMediaSegment,
  readBoxes,
  serializeBoxTree,
  writeSinf,
} from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { fixture } from '../_test/fixtures.js';

describe.each([
  ['flac-2s.mp4', 'fLaC', 'dfLa'],
  ['opus-2s.mp4', 'Opus', 'dOps'],
] as const)('real ffmpeg output %s', (name, format, configBox) => {
  const file = fixture(name);

  it('walks as ftyp, moov, then moof/mdat pairs covering the whole file', () => {
    const types = [...readBoxes(file)].map((b) => b.type);
    expect(types.slice(0, 2)).toEqual(['ftyp', 'moov']);
    const rest = types.slice(2).filter((t) => t !== 'mfra');
    expect(rest.length).toBeGreaterThanOrEqual(4);
    expect(rest).toEqual(rest.map((_, i) => (i % 2 === 0 ? 'moof' : 'mdat')));
  });

  it('parses the init segment: one audio track, 48 kHz, the codec sample entry', () => {
    const { tracks } = parseInitSegment(file);
    expect(tracks).toHaveLength(1);
    const t = tracks[0]!;
    expect(t).toMatchObject({ trackId: 1, handlerType: 'soun', timescale: 48000 });
    expect(t.sampleEntry).toMatchObject({
      format,
      codecFormat: format,
      channelCount: 1,
      sinf: null,
    });
    expect(t.sampleEntry!.children.map((c) => c.type)).toContain(configBox);
    expect(t.trex?.trackId).toBe(1);
  });

  it('locates every sample inside its mdat, contiguous, covering ~2 s', () => {
    const { tracks } = parseInitSegment(file);
    const { fragments } = parseMediaSegment(file);
    let durationTicks = 0;
    for (const f of fragments) {
      const traf = f.trafs[0]!;
      const samples = locateSamples({
        ...traf,
        moofStart: f.moofStart,
        trex: tracks[0]!.trex,
        bufferBytes: file.length,
      });
      const mdat = f.mdat!;
      expect(samples[0]!.offset).toBe(mdat.start + mdat.headerBytes);
      const last = samples[samples.length - 1]!;
      expect(last.offset + last.size).toBe(mdat.end);
      expect(samples[0]!.decodeTime).toBe(traf.baseMediaDecodeTime);
      for (const s of samples) durationTicks += s.duration;
    }
    expect(durationTicks / 48000).toBeGreaterThan(1.9);
    expect(durationTicks / 48000).toBeLessThan(2.1);
    expect(fragments.map((f) => f.sequenceNumber)).toEqual(fragments.map((_, i) => i + 1));
  });

  it('round-trips through the box tree byte for byte, and survives the enca rewrite', () => {
    const tree = parseBoxTree(file);
    expect(serializeBoxTree(tree)).toEqual(file);
    const entry = findNode(tree, `moov/trak/mdia/minf/stbl/stsd/${format}`)!;
    entry.type = 'enca';
    entry.children!.push(
      ...parseBoxTree(writeSinf({ originalFormat: format, tenc: { defaultKid: '11'.repeat(16) } })),
    );
    const out = serializeBoxTree(tree);
    const enc = parseInitSegment(out).tracks[0]!.sampleEntry!;
    expect(enc).toMatchObject({
      format: 'enca',
      codecFormat: format,
      sinf: { schemeType: 'cenc', tenc: { defaultKid: '11'.repeat(16) } },
    });
    const moov = findBox(out, 'moov')!;
    expect(moov.size).toBe(findBox(file, 'moov')!.size + 80);
  });
});
