import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LegatoError } from '@legato/errors';
import {
  parseTrace,
  type SyntheticTraceClass,
  syntheticTrace,
  syntheticTraceClasses,
  type Trace,
} from '@legato/sim';
import { existingFile } from './check-path.js';

/** Loads `--trace`: `synthetic:CLASS:SEED` or a trace file of any supported format. */
export function loadTrace(spec: string): Trace {
  const synthetic = /^synthetic:([a-z0-9-]+):(\d+)$/.exec(spec);
  if (synthetic) {
    const cls = synthetic[1] as SyntheticTraceClass;
    if (!syntheticTraceClasses.includes(cls)) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `--trace: expected synthetic:${syntheticTraceClasses.join('|')}:SEED, received ${spec}`,
      );
    }
    return syntheticTrace(cls, { seed: Number(synthetic[2]) });
  }
  if (spec.startsWith('synthetic:')) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `--trace: expected synthetic:CLASS:SEED, received ${spec}`,
    );
  }
  return parseTrace(readFileSync(existingFile('--trace', spec), 'utf8'), { name: basename(spec) });
}
