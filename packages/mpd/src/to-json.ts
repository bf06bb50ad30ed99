import { encodeBase64 } from '@legato/isobmff';
import type {
  ContentProtection,
  Manifest,
  PsshInfo,
  Representation,
  SegmentReference,
} from './core/model.js';

/** Options of {@link toJSON}. */
export interface ToJsonOptions {
  /** Include every segment and the initialization of each representation. @default false */
  readonly segments?: boolean;
}

/** A JSON value. */
export type Json =
  | null
  | boolean
  | number
  | string
  | readonly Json[]
  | { readonly [key: string]: Json };

function psshJson(p: PsshInfo): Json {
  const w = p.widevine;
  return {
    base64: encodeBase64(p.bytes),
    version: p.box.version,
    systemId: p.box.systemId,
    keyIds: [...p.box.keyIds],
    widevine:
      w === null
        ? null
        : {
            keyIds: [...w.keyIds],
            ...(w.algorithm === undefined ? {} : { algorithm: w.algorithm }),
            ...(w.provider === undefined ? {} : { provider: w.provider }),
            ...(w.contentId === undefined ? {} : { contentIdBase64: encodeBase64(w.contentId) }),
            ...(w.policy === undefined ? {} : { policy: w.policy }),
            ...(w.cryptoPeriodIndex === undefined
              ? {}
              : { cryptoPeriodIndex: w.cryptoPeriodIndex }),
            ...(w.protectionScheme === undefined ? {} : { protectionScheme: w.protectionScheme }),
          },
  };
}

function protectionJson(cp: ContentProtection): Json {
  return { ...cp, pssh: cp.pssh.map(psshJson) };
}

function segmentJson(s: SegmentReference): Json {
  return {
    number: s.number,
    startS: s.startS,
    durationS: Number.isFinite(s.durationS) ? s.durationS : null,
    url: s.url,
    ...(s.urls.length > 1 ? { urls: [...s.urls] } : {}),
    range: s.range === null ? null : { ...s.range },
    ...(s.subNumber === undefined ? {} : { subNumber: s.subNumber }),
  };
}

function representationJson(r: Representation, withSegments: boolean): Json {
  const { segmentIndex: index, contentProtection, ...rest } = r;
  const segments: Json[] = [];
  if (withSegments) for (let i = 0; i < index.count; i++) segments.push(segmentJson(index.get(i)));
  return {
    ...(rest as unknown as Record<string, Json>),
    contentProtection: contentProtection.map(protectionJson),
    addressing: index.addressing,
    segmentCount: index.count,
    indexRange: index.indexRange === null ? null : { ...index.indexRange },
    ...(withSegments
      ? {
          initialization:
            index.initialization === null
              ? null
              : {
                  url: index.initialization.url,
                  range:
                    index.initialization.range === null ? null : { ...index.initialization.range },
                },
          segments,
        }
      : {}),
  };
}

/**
 * The manifest as plain JSON for tools (`legato inspect --json`): pssh bytes as base64, each
 * representation with `addressing` and `segmentCount`, and with `segments: true` its
 * `initialization` and full `segments` array.
 */
export function toJSON(manifest: Manifest, options: ToJsonOptions = {}): Json {
  const withSegments = options.segments ?? false;
  return {
    ...(manifest as unknown as Record<string, Json>),
    periods: manifest.periods.map((p) => ({
      ...(p as unknown as Record<string, Json>),
      adaptationSets: p.adaptationSets.map((a) => ({
        ...(a as unknown as Record<string, Json>),
        contentProtection: a.contentProtection.map(protectionJson),
        representations: a.representations.map((r) => representationJson(r, withSegments)),
      })),
    })),
  };
}
