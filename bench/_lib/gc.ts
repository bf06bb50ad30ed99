// V8's collector, exposed by `node --expose-gc` (pnpm bench runs every bench that way); a no-op
// without the flag, so a bench still runs, unprimed.
const exposed = (globalThis as { gc?: (options?: { type: 'minor' }) => void }).gc;

/** A full collection. It also drops compiled code: never right before timing warmed-up code. */
export const fullGc = (): void => exposed?.();

/**
 * A young-generation collection: clears the garbage a measured side left behind without
 * discarding compiled code.
 */
export const minorGc = (): void => exposed?.({ type: 'minor' });
