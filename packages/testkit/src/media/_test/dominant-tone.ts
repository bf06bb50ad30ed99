/** Goertzel power of `frequencyHz` in mono PCM `samples` at `sampleRateHz`. */
function goertzelPower(samples: Float64Array, sampleRateHz: number, frequencyHz: number): number {
  const w = (2 * Math.PI * frequencyHz) / sampleRateHz;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

/** Which of `candidatesHz` is strongest in `samples` (s16le PCM decoded to floats). */
export function dominantTone(
  pcm: Int16Array,
  sampleRateHz: number,
  candidatesHz: readonly number[],
): number {
  const samples = Float64Array.from(pcm, (v) => v / 32768);
  let best = candidatesHz[0]!;
  let bestPower = -1;
  for (const f of candidatesHz) {
    const power = goertzelPower(samples, sampleRateHz, f);
    if (power > bestPower) {
      bestPower = power;
      best = f;
    }
  }
  return best;
}
