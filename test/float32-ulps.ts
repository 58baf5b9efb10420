// Distance between two float32 values in units in the last place: 0 for identical values,
// 1 for neighbours. Used by parity tests that allow a bounded rounding difference.
const view = new DataView(new ArrayBuffer(4));

function orderedBits(x: number): number {
  view.setFloat32(0, x);
  const bits = view.getInt32(0);
  // map the sign-magnitude float encoding onto a monotonic integer line
  return bits < 0 ? -0x80000000 - bits : bits;
}

export function float32Ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.POSITIVE_INFINITY;
  return Math.abs(orderedBits(Math.fround(a)) - orderedBits(Math.fround(b)));
}

/** The largest ulp distance between two equally long arrays. */
export function maxUlps(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, float32Ulps(a[i], b[i]));
  return worst;
}
