import {
  boxNodeSize,
  boxTreeOffsetOf,
  findNode,
  findNodes,
  leafNode,
  parseBoxTree,
  readBoxes,
  serializeBox,
  serializeBoxTree,
  writeSenc,
} from '@legato/isobmff';
import { describe, expect, it } from 'vitest';
import { ascii, concat, hex, rawBox, rawFullBox, u32, u64 } from '../_test/bytes.js';
import { expectMalformed } from '../_test/expect-malformed.js';

const moof = rawBox(
  'moof',
  rawFullBox('mfhd', 0, 0, u32(1)),
  rawBox(
    'traf',
    rawFullBox('tfhd', 0, 0x20000, u32(1)),
    rawFullBox('trun', 0, 0x201, u32(1), u32(0), u32(4)),
  ),
);

describe('parseBoxTree / serializeBoxTree', () => {
  it('keeps leaves as bytes and containers as children', () => {
    const tree = parseBoxTree(moof);
    expect(tree).toHaveLength(1);
    expect(tree[0]!.children!.map((n) => n.type)).toEqual(['mfhd', 'traf']);
    expect(findNode(tree, 'moof/traf/trun')!.children).toBeNull();
    expect(findNodes(tree, 'moof/traf/tfhd')).toHaveLength(1);
    expect(serializeBoxTree(tree)).toEqual(moof);
  });

  it('recomputes every ancestor size after inserting a child', () => {
    const tree = parseBoxTree(moof);
    const traf = findNode(tree, 'moof/traf')!;
    const senc = parseBoxTree(writeSenc([{ iv: new Uint8Array(8), subsamples: null }]))[0]!;
    traf.children!.push(senc);
    const out = serializeBoxTree(tree);
    expect(out.length).toBe(moof.length + 24);
    const [m] = [...readBoxes(out)];
    expect(m).toMatchObject({ type: 'moof', size: moof.length + 24 });
    expect(findNode(parseBoxTree(out), 'moof/traf/senc')!.payload).toEqual(senc.payload);
    expect(boxNodeSize(tree[0]!)).toBe(out.length);
  });

  it('reports offsets of nodes within the serialized tree', () => {
    const tree = parseBoxTree(moof);
    const trun = findNode(tree, 'moof/traf/trun')!;
    const at = boxTreeOffsetOf(tree, trun);
    expect(at).toBe(8 + 16 + 8 + 16);
    expect(String.fromCharCode(...serializeBoxTree(tree).subarray(at + 4, at + 8))).toBe('trun');
    expect(boxTreeOffsetOf(tree, leafNode('free', new Uint8Array(0)))).toBe(-1);
  });

  it('writes stsd entry_count from its children and preserves largesize and uuid headers', () => {
    const entry = rawBox('Opus', new Array(28).fill(0));
    const stsd = rawFullBox('stsd', 0, 0, u32(1), entry);
    const tree = parseBoxTree(stsd);
    tree[0]!.children!.push(parseBoxTree(entry)[0]!);
    const out = serializeBoxTree(tree);
    expect([...out.subarray(12, 16)]).toEqual(u32(2));
    const large = concat(u32(1), ascii('mdat'), u64(20), [1, 2, 3, 4]);
    const uuid = concat(u32(26), ascii('uuid'), hex('a2394f525a9b4f14a2446c427c648df4'), [9, 9]);
    expect(serializeBoxTree(parseBoxTree(concat(large, uuid)))).toEqual(concat(large, uuid));
    expect(serializeBox(leafNode('free', new Uint8Array([1])))).toEqual(rawBox('free', [1]));
  });

  it('caps nesting depth and rejects bad types on write', () => {
    let nested = rawBox('moov');
    for (let i = 0; i < 40; i++) nested = rawBox('moov', nested);
    expectMalformed(() => parseBoxTree(nested), /nested deeper than 32 levels/);
    expect(parseBoxTree(nested, 0, nested.length, { maxDepth: 64 })).toHaveLength(1);
    expect(() =>
      serializeBox({ type: 'toolong', payload: new Uint8Array(0), children: null }),
    ).toThrow(/four-character code/);
  });
});
