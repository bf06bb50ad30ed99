import { appendCmcdHeaders, appendCmcdQuery, type Cmcd, type CmcdObjectType } from '@svta/cml-cmcd';
import type { RequestKind, SegmentRequest } from '../core/segment-request.js';
import type { CmcdOptions } from '../rx/fetch-segment-options.js';

const OBJECT_TYPE: Record<RequestKind, CmcdObjectType> = {
  init: 'i',
  index: 'i',
  media: 'a',
  manifest: 'm',
  license: 'k',
};

/** Adds the CMCD payload of one attempt to its URL (query mode) or headers (header mode). */
export function applyCmcd(
  cmcd: CmcdOptions,
  request: SegmentRequest,
  attempt: number,
  url: string,
  headers: Record<string, string>,
): { url: string; headers: Record<string, string> } {
  const given = cmcd.data?.(request, attempt) ?? {};
  const data: Cmcd = given.ot === undefined ? { ...given, ot: OBJECT_TYPE[request.kind] } : given;
  const version = cmcd.version ?? 1;
  if (cmcd.mode === 'headers') {
    return { url, headers: appendCmcdHeaders({ ...headers }, data, { version }) };
  }
  return { url: appendCmcdQuery(url, data, { version }), headers };
}
