/** Highest ladder index whose bitrate is ≤ `budgetBps` (0 when none is). */
export function highestAffordable(bitrates: readonly number[], budgetBps: number): number {
  let chosen = 0;
  for (let i = 0; i < bitrates.length; i++) if (bitrates[i]! <= budgetBps) chosen = i;
  return chosen;
}
