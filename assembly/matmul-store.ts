// How matmul.ts's kernels store their double sums: rounded once to the output's type, and for a
// float32 output the bias is added to the float32-rounded product, as numpy's `np.dot(...) + b`.
// The bias is float64 (exact for float32 values), indexed by column j.

@inline export function put<T>(o: usize, v: f64, bias: usize, j: i32): void {
  if (sizeof<T>() === 4) {
    if (bias !== 0) store<f32>(o, <f32>(<f64>(<f32>v) + load<f64>(bias + (<usize>j << 3))));
    else store<f32>(o, <f32>v);
  } else {
    if (bias !== 0) store<f64>(o, v + load<f64>(bias + (<usize>j << 3)));
    else store<f64>(o, v);
  }
}

// Two outputs (columns j, j + 1): one vector store when they are neighbours in memory.
@inline export function putPair<T>(o: usize, ocs: usize, v: v128, bias: usize, j: i32): void {
  if (ocs !== sizeof<T>()) {
    put<T>(o, f64x2.extract_lane(v, 0), bias, j);
    put<T>(o + ocs, f64x2.extract_lane(v, 1), bias, j + 1);
  } else if (sizeof<T>() === 4) {
    let w = v;
    if (bias !== 0) {
      const rounded = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(v));
      w = f64x2.add(rounded, v128.load(bias + (<usize>j << 3)));
    }
    v128.store64_lane(o, f32x4.demote_f64x2_zero(w), 0);
  } else {
    v128.store(o, bias !== 0 ? f64x2.add(v, v128.load(bias + (<usize>j << 3))) : v);
  }
}
