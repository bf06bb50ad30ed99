import {
  decodeWidevinePsshData,
  encodeWidevinePsshData,
  findNode,
  parseBoxTree,
  parseInitSegment,
  parsePssh,
  serializeBoxTree,
  WIDEVINE_SYSTEM_ID,
  writePssh,
  writeSinf,
} from '@legato/isobmff';
import { expect, it } from 'vitest';
import { fixture } from './_test/fixtures.js';

it('README: protect an init segment and carry a Widevine pssh', () => {
  const init = fixture('flac-2s.mp4');
  const kid = '0123456789abcdef0123456789abcdef';
  // #region protect-init
  // Rename the FLAC sample entry to `enca` and give it frma/schm/schi(tenc).
  const tree = parseBoxTree(init);
  const entry = findNode(tree, 'moov/trak/mdia/minf/stbl/stsd/fLaC')!;
  entry.type = 'enca';
  entry.children!.push(
    ...parseBoxTree(writeSinf({ originalFormat: 'fLaC', tenc: { defaultKid: kid } })),
  );
  // A Widevine pssh whose data is WidevinePsshData with the key id.
  const data = encodeWidevinePsshData({ algorithm: 1, keyIds: [kid], provider: 'legato' });
  findNode(tree, 'moov')!.children!.push(
    ...parseBoxTree(writePssh({ systemId: WIDEVINE_SYSTEM_ID, data })),
  );
  const protectedInit = serializeBoxTree(tree); // every size recomputed

  const { tracks, pssh } = parseInitSegment(protectedInit);
  tracks[0]!.sampleEntry!.sinf!.tenc!.defaultKid; // '0123456789abcdef0123456789abcdef'
  decodeWidevinePsshData(parsePssh(pssh[0]!.boxBytes).data).keyIds; // [kid]
  // #endregion
  expect(tracks[0]!.sampleEntry).toMatchObject({
    format: 'enca',
    codecFormat: 'fLaC',
    sinf: { tenc: { defaultKid: kid } },
  });
  expect(decodeWidevinePsshData(parsePssh(pssh[0]!.boxBytes).data)).toEqual({
    algorithm: 1,
    keyIds: [kid],
    provider: 'legato',
  });
});
