// numpy's pairwise summation (src/tensor/pairwise-sum.ts has the rules and numpy's source lines):
// the TypeScript's additions in the TypeScript's order, so every sum has the same bits. T is f32 (each
// addition rounded to float32, as a WebAssembly f32.add does) or f64.

/** numpy's pairwise_sum of n values of type T at a: < 8 from -0 left to right, 8 accumulators up to 128, halves above. */
export function pairwiseSum<T>(a: usize, n: i32): T {
  const size = <usize>sizeof<T>();
  if (n < 8) {
    let res = <T>-0.0;
    for (let i = 0; i < n; i++) res += load<T>(a + <usize>i * size);
    return res;
  }
  if (n <= 128) {
    let r0 = load<T>(a);
    let r1 = load<T>(a + size);
    let r2 = load<T>(a + 2 * size);
    let r3 = load<T>(a + 3 * size);
    let r4 = load<T>(a + 4 * size);
    let r5 = load<T>(a + 5 * size);
    let r6 = load<T>(a + 6 * size);
    let r7 = load<T>(a + 7 * size);
    const blocks = n - (n & 7);
    let i = 8;
    for (; i < blocks; i += 8) {
      const at = a + <usize>i * size;
      r0 += load<T>(at);
      r1 += load<T>(at + size);
      r2 += load<T>(at + 2 * size);
      r3 += load<T>(at + 3 * size);
      r4 += load<T>(at + 4 * size);
      r5 += load<T>(at + 5 * size);
      r6 += load<T>(at + 6 * size);
      r7 += load<T>(at + 7 * size);
    }
    let res: T = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += load<T>(a + <usize>i * size);
    return res;
  }
  const half = (n >> 1) & ~7;
  return pairwiseSum<T>(a, half) + pairwiseSum<T>(a + <usize>half * size, n - half);
}

/** np.sum of a contiguous run: add's identity 0 plus the pairwise sum. */
@inline export function numpySum<T>(a: usize, n: i32): T {
  return <T>0 + pairwiseSum<T>(a, n);
}
