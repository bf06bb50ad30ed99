import { checkFourcc } from '../_internal/check-arg.js';
import { malformed } from '../_internal/malformed.js';
import { childrenStart } from './box-children.js';
import { hexToBytes } from './hex.js';
import { readBoxes } from './read-boxes.js';

/**
 * One box of a mutable tree: containers hold children, leaves keep their body as bytes.
 * Edit freely (rename `mp4a` → `enca`, push a `sinf`, splice in `senc`), then serialize:
 * every size is recomputed.
 */
export interface BoxNode {
  /** Four-character type. */
  type: string;
  /**
   * Leaf: the whole body after the header. Container: the bytes between the header and the
   * first child (`stsd`'s version/flags/entry_count, a sample entry's fixed fields; empty for
   * plain containers). Parsed payloads are views into the parsed bytes.
   */
  payload: Uint8Array;
  /** Children of a container, in order; null for a leaf. */
  children: BoxNode[] | null;
  /** Extended type of a `uuid` box (32 hex characters). */
  usertype?: string | null;
  /** Keep a 64-bit largesize header even when 32 bits would do (set by the parser). @default false */
  largeSize?: boolean;
}

/** Options of {@link parseBoxTree}. */
export interface ParseBoxTreeOptions {
  /** Deepest container nesting accepted before `ISOBMFF_MALFORMED`. @default 32 */
  readonly maxDepth?: number;
}

const EMPTY = new Uint8Array(0);

/**
 * Parses `bytes[startOffset, endOffset)` into a mutable box tree. Containers are the types
 * {@link readChildBoxes} enters (moov…stbl, stsd, sample entries, sinf/schi, mvex, moof/traf).
 *
 * @example
 * ```ts
 * const tree = parseBoxTree(init);
 * const entry = findNode(tree, 'moov/trak/mdia/minf/stbl/stsd/fLaC')!;
 * entry.type = 'enca';
 * entry.children!.push(...parseBoxTree(writeSinf({ originalFormat: 'fLaC', tenc: { defaultKid } })));
 * const encryptedInit = serializeBoxTree(tree);
 * ```
 */
export function parseBoxTree(
  bytes: Uint8Array,
  startOffset = 0,
  endOffset: number = bytes.length,
  options: ParseBoxTreeOptions = {},
): BoxNode[] {
  return parseLevel(bytes, startOffset, endOffset, 0, options.maxDepth ?? 32);
}

function parseLevel(
  bytes: Uint8Array,
  start: number,
  end: number,
  depth: number,
  maxDepth: number,
): BoxNode[] {
  if (depth > maxDepth) {
    throw malformed(`boxes nested deeper than ${maxDepth} levels at offset ${start}`, {
      offset: start,
      maxDepth,
    });
  }
  const nodes: BoxNode[] = [];
  for (const box of readBoxes(bytes, start, end)) {
    const body = box.start + box.headerBytes;
    const largeSize = box.headerBytes - (box.usertype === null ? 0 : 16) === 16;
    const first = childrenStart(bytes, box);
    const node: BoxNode =
      first < 0
        ? { type: box.type, payload: bytes.subarray(body, box.end), children: null }
        : {
            type: box.type,
            payload: bytes.subarray(body, first),
            children: parseLevel(bytes, first, box.end, depth + 1, maxDepth),
          };
    if (box.usertype !== null) node.usertype = box.usertype;
    if (largeSize) node.largeSize = true;
    nodes.push(node);
  }
  return nodes;
}

/** Serialized size of one node in bytes, header included. */
export function boxNodeSize(node: BoxNode): number {
  let body = node.payload.length;
  if (node.children) for (const child of node.children) body += boxNodeSize(child);
  const extra = node.type === 'uuid' ? 16 : 0;
  return body + extra + (node.largeSize || body + extra + 8 > 0xffff_ffff ? 16 : 8);
}

/** Serialized size of a list of sibling nodes in bytes. */
export function boxTreeSize(nodes: readonly BoxNode[]): number {
  let size = 0;
  for (const n of nodes) size += boxNodeSize(n);
  return size;
}

/**
 * Serializes sibling nodes (and everything below them) with every size recomputed, in one
 * allocation. A `stsd` payload's entry_count is written as its number of children.
 */
export function serializeBoxTree(nodes: readonly BoxNode[]): Uint8Array {
  const out = new Uint8Array(boxTreeSize(nodes));
  const view = new DataView(out.buffer);
  let pos = 0;
  for (const n of nodes) pos = writeNode(out, view, pos, n);
  return out;
}

/** Serializes one node (see {@link serializeBoxTree}). */
export function serializeBox(node: BoxNode): Uint8Array {
  return serializeBoxTree([node]);
}

function writeNode(out: Uint8Array, view: DataView, at: number, node: BoxNode): number {
  checkFourcc('BoxNode.type', node.type);
  const size = boxNodeSize(node);
  const usertype = node.type === 'uuid';
  const headerBytes = size - bodySize(node) - (usertype ? 16 : 0);
  let pos = at;
  if (headerBytes === 16) {
    view.setUint32(pos, 1);
    view.setUint32(pos + 8, Math.floor(size / 0x1_0000_0000));
    view.setUint32(pos + 12, size % 0x1_0000_0000);
  } else {
    view.setUint32(pos, size);
  }
  for (let i = 0; i < 4; i++) out[pos + 4 + i] = node.type.charCodeAt(i);
  pos += headerBytes;
  if (usertype) {
    out.set(node.usertype ? hexToBytes(node.usertype).subarray(0, 16) : EMPTY, pos);
    pos += 16;
  }
  out.set(node.payload, pos);
  if (node.type === 'stsd' && node.children && node.payload.length >= 8) {
    view.setUint32(pos + 4, node.children.length);
  }
  pos += node.payload.length;
  if (node.children) for (const child of node.children) pos = writeNode(out, view, pos, child);
  return pos;
}

function bodySize(node: BoxNode): number {
  let body = node.payload.length;
  if (node.children) for (const child of node.children) body += boxNodeSize(child);
  return body;
}

/** Every node at a slash-separated path of types (`moof/traf/trun`), in order. */
export function findNodes(nodes: readonly BoxNode[], path: string): BoxNode[] {
  const parts = path.split('/').filter((p) => p.length > 0);
  let level: readonly BoxNode[] = nodes;
  for (let i = 0; i < parts.length - 1; i++) {
    level = level.filter((n) => n.type === parts[i]).flatMap((n) => n.children ?? []);
  }
  const last = parts[parts.length - 1];
  return level.filter((n) => n.type === last);
}

/** The first node at a slash-separated path of types, or undefined. */
export function findNode(nodes: readonly BoxNode[], path: string): BoxNode | undefined {
  return findNodes(nodes, path)[0];
}

/**
 * Offset in bytes of `target`'s first byte within `serializeBoxTree(nodes)`, or -1 when it is
 * not in the tree. Use it for `saio` offsets (from the `moof` start) and `trun` data offsets.
 */
export function boxTreeOffsetOf(nodes: readonly BoxNode[], target: BoxNode): number {
  let pos = 0;
  for (const n of nodes) {
    if (n === target) return pos;
    if (n.children) {
      const inner = boxTreeOffsetOf(n.children, target);
      if (inner >= 0) return pos + (boxNodeSize(n) - bodySize(n)) + n.payload.length + inner;
    }
    pos += boxNodeSize(n);
  }
  return -1;
}

/** Builds a leaf node from a type and body bytes. */
export function leafNode(type: string, payload: Uint8Array): BoxNode {
  checkFourcc('type', type);
  return { type, payload, children: null };
}
