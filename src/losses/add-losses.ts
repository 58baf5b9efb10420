/**
 * The book's `loss = data_loss + regularization_loss` as numpy computes it: two float32 numbers add
 * in float32 (NEP 50: numpy scalars of one type keep it), so the total is rounded to float32 when
 * both are float32; otherwise (a float64 data loss, say) in double. The regularization loss is
 * float32 for float32 layers, or the int 0 without regularizers, which keeps a float32 data loss
 * float32 (RegularizationLoss.float32 is true then).
 */
export function addLosses(dataLoss: number, regularizationLoss: number, float32: boolean): number {
  const sum = dataLoss + regularizationLoss;
  return float32 ? Math.fround(sum) : sum;
}
