// Slots of the ABR controller's Float64Array (core/abr-controller.ts): every fractional number
// of its state and scratch lives there, unboxed.
export const PLACEHOLDER_S = 0;
export const LAST_BUFFER_S = 1;
export const LAST_SWITCH_AT_S = 2;
export const NEXT_PLACEHOLDER_S = 3;
export const EFFECTIVE_BUFFER_S = 4;
export const ESTIMATE_BPS = 5;
export const BUFFER_S = 6;
export const SEGMENT_S = 7;
export const SAFETY = 8;
export const STARTUP_SAFETY = 9;
export const UP_SWITCH_FACTOR = 10;
export const FETCH_DEADLINE_FRACTION = 11;
export const LOW_SAFETY = 12;
export const FULL_SAFETY = 13;
export const RAMP_FROM_S = 14;
export const MIN_UP_BUFFER_S = 15;
export const STARTUP_BUFFER_S = 16;
export const STARTUP_DEADLINE_FRACTION = 17;
export const OUTAGE_S = 18;
export const NEXT_OUTAGE_S = 19;
export const OUTAGE_RESERVE_FACTOR = 20;
export const LAST_NOW_S = 21;
export const THROUGHPUT_BPS = 22;
export const SLOTS = 23;
