// The float32 softmax and the categorical cross-entropy of the labels in WebAssembly SIMD
// (AssemblyScript; `npm run build:wasm` compiles this file into src/accel/generated/softmax-loss-wasm.generated.ts):
// the loops of Softmax.apply (src/layers/activations.ts) and CategoricalCrossentropy.forward, with
// numpy's float32 exp and log from numpy-float32-exp-log.ts, four elements (or rows) at a time.
// Each element goes through the TypeScript's operations in the TypeScript's order, so every stored
// bit is the same (softmax-loss-wasm.test.ts compares them).

import { exp4, expFloat32, log4, logFloat32, redone } from './numpy-float32-exp-log';
import { numpySum } from './pairwise-sum';

/** expFloat32 of n float32 values at x into o (o = x allowed). */
function expRange(x: usize, o: usize, n: i32): void {
  let i = 0;
  // three independent vectors a turn: each exp is a long chain of dependent steps
  for (; i + 12 <= n; i += 12) {
    const at = <usize>i << 2;
    const a = exp4(v128.load(x + at));
    const b = exp4(v128.load(x + at, 16));
    const c = exp4(v128.load(x + at, 32));
    v128.store(o + at, a);
    v128.store(o + at, b, 16);
    v128.store(o + at, c, 32);
  }
  for (; i + 4 <= n; i += 4) v128.store(o + (<usize>i << 2), exp4(v128.load(x + (<usize>i << 2))));
  for (; i < n; i++) store<f32>(o + (<usize>i << 2), <f32>expFloat32(load<f32>(x + (<usize>i << 2))));
}

/** Softmax.apply for float32 rows: o = exp(x − max) / Σ, the sum in float32 in numpy's pairwise order. */
export function softmaxRows(x: usize, o: usize, rows: i32, cols: i32): void {
  if (rows <= 0 || cols <= 0) return;
  if (cols === 3) {
    const done = rows & ~3;
    softmax3(x, o, done);
    x += <usize>done * 12;
    o += <usize>done * 12;
    rows -= done;
  }
  // blocks of rows small enough to stay in cache: their shifted values, their exps, then their sums
  const per = max(4, (1024 / cols) & ~3);
  for (let r0 = 0; r0 < rows; r0 += per) {
    const n = min(per, rows - r0);
    const xb = x + (<usize>r0 * <usize>cols << 2);
    const ob = o + (<usize>r0 * <usize>cols << 2);
    shiftRows(xb, ob, n, cols);
    expRange(ob, ob, n * cols);
    normalizeRows(ob, n, cols);
  }
}

/**
 * Softmax of rows of three, four rows at a time: their columns as vectors (a transpose by shuffles),
 * so the max, exps, sum and divisions run on four rows at once in the scalar order.
 */
function softmax3(x: usize, o: usize, rows: i32): void {
  for (let r = 0; r < rows; r += 4) {
    const at = <usize>r * 12;
    const a = v128.load(x + at);
    const b = v128.load(x + at, 16);
    const c = v128.load(x + at, 32);
    const x0 = i32x4.shuffle(i32x4.shuffle(a, b, 0, 3, 6, 7), c, 0, 1, 2, 5);
    const x1 = i32x4.shuffle(i32x4.shuffle(a, b, 1, 4, 7, 7), c, 0, 1, 2, 6);
    const x2 = i32x4.shuffle(i32x4.shuffle(a, b, 2, 5, 5, 5), c, 0, 1, 4, 7);
    let max = v128.bitselect(x1, x0, f32x4.gt(x1, x0));
    max = v128.bitselect(x2, max, f32x4.gt(x2, max));
    const e0 = exp4(f32x4.sub(x0, max));
    const e1 = exp4(f32x4.sub(x1, max));
    const e2 = exp4(f32x4.sub(x2, max));
    const sum = f32x4.add(f32x4.add(f32x4.add(f32x4.splat(0), e0), e1), e2);
    const o0 = f32x4.div(e0, sum);
    const o1 = f32x4.div(e1, sum);
    const o2 = f32x4.div(e2, sum);
    const front = i32x4.shuffle(o0, o1, 0, 4, 1, 5);
    const back = i32x4.shuffle(o0, o1, 2, 6, 3, 7);
    v128.store(o + at, i32x4.shuffle(front, o2, 0, 1, 4, 2));
    v128.store(o + at, i32x4.shuffle(i32x4.shuffle(front, back, 3, 3, 4, 5), o2, 0, 5, 2, 3), 16);
    v128.store(o + at, i32x4.shuffle(back, o2, 6, 2, 3, 7), 32);
  }
}

/**
 * The row's max as Softmax.apply takes it: from the first value, `v > max ? v : max` left to right
 * (NaN first: NaN; NaN later: skipped). In lanes the order differs only among equal values, +0 and
 * −0 being the only ones told apart, and x − (±0) round to the same exp (±0 both give 1).
 */
@inline function rowMax(x: usize, cols: i32): f32 {
  if (cols < 4) {
    let max = load<f32>(x);
    for (let c = 1; c < cols; c++) {
      const v = load<f32>(x + (<usize>c << 2));
      max = v > max ? v : max;
    }
    return max;
  }
  let m = f32x4.splat(load<f32>(x));
  for (let c = 0; c + 4 <= cols; c += 4) m = vmax(v128.load(x + (<usize>c << 2)), m);
  m = vmax(v128.load(x + (<usize>(cols - 4) << 2)), m); // the last four again: max takes repeats
  m = vmax(i32x4.shuffle(m, m, 2, 3, 0, 1), m);
  return f32x4.extract_lane(vmax(i32x4.shuffle(m, m, 1, 0, 3, 2), m), 0);
}

@inline function vmax(v: v128, max: v128): v128 {
  return v128.bitselect(v, max, f32x4.gt(v, max));
}

/** o = fr(x − max of the row): a float32 subtraction. */
function shiftRows(x: usize, o: usize, rows: i32, cols: i32): void {
  const size = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * size;
    const or = o + <usize>r * size;
    const max = rowMax(xr, cols);
    const m = f32x4.splat(max);
    let c = 0;
    for (; c + 4 <= cols; c += 4) v128.store(or + (<usize>c << 2), f32x4.sub(v128.load(xr + (<usize>c << 2)), m));
    for (; c < cols; c++) store<f32>(or + (<usize>c << 2), load<f32>(xr + (<usize>c << 2)) - max);
  }
}

/** o = fr(o / fr(Σ o)), the row's sum as numpy's np.sum(axis=1) (pairwise-sum.ts): float32 additions and division. */
function normalizeRows(o: usize, rows: i32, cols: i32): void {
  const size = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const or = o + <usize>r * size;
    const sum = numpySum<f32>(or, cols);
    const d = f32x4.splat(sum);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const at = or + (<usize>c << 2);
      v128.store(at, f32x4.div(v128.load(at), d));
    }
    for (; c < cols; c++) {
      const at = or + (<usize>c << 2);
      store<f32>(at, load<f32>(at) / sum);
    }
  }
}

/** p[r, label[r]] clipped to [low, high] in double, then rounded to float32. */
@inline function clipped(p: usize, labels: usize, r: i32, cols: i32, low: f64, high: f64): f32 {
  const label = load<i32>(labels + (<usize>r << 2));
  const v: f64 = load<f32>(p + ((<usize>r * <usize>cols + <usize>label) << 2));
  return <f32>(v < low ? low : v > high ? high : v);
}

/** CategoricalCrossentropy.forward with labels, float32: out[r] = −log(clip(p[r, label])). */
export function crossEntropyLabels(p: usize, labels: usize, out: usize, rows: i32, cols: i32, low: f64, high: f64): void {
  for (let r = 0; r < rows; r++) store<f32>(out + (<usize>r << 2), clipped(p, labels, r, cols, low, high));
  logRange(out, out, rows, 0x80000000);
}

/** ±logFloat32 of four values at x into o, one at a time (the lanes log4 leaves). */
function logOneByOne(x: usize, o: usize, flip: u32): void {
  for (let k: usize = 0; k < 16; k += 4) {
    store<u32>(o + k, reinterpret<u32>(<f32>logFloat32(load<f32>(x + k))) ^ flip);
  }
}

/** logFloat32 of n float32 values at x into o (o = x allowed), the sign bit flipped by `flip`. */
function logRange(x: usize, o: usize, n: i32, flip: u32): void {
  const sign = i32x4.splat(flip);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const a = log4(v128.load(x + at));
    if (redone(a)) logOneByOne(x + at, o + at, flip);
    else v128.store(o + at, v128.xor(a, sign));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<u32>(o + at, reinterpret<u32>(<f32>logFloat32(load<f32>(x + at))) ^ flip);
  }
}

/** numpyExpFloat32 and numpyLogFloat32 over arrays (for the tests that compare them with TypeScript). */
export function expArray(x: usize, o: usize, n: i32): void {
  expRange(x, o, n);
}

export function logArray(x: usize, o: usize, n: i32): void {
  logRange(x, o, n, 0);
}

/**
 * SoftmaxCategoricalCrossentropy.backward with labels, float32: o = p / rows, then at each row's
 * label o = (p − 1) / rows, every operation rounded to float32 as numpy's `[range, y] -= 1` and
 * `/= samples` round it (IEEE float32 division is the double quotient rounded once). False, having
 * written nothing, if a label is out of range.
 */
export function softmaxCrossEntropyBackwardLabels(p: usize, labels: usize, o: usize, rows: i32, cols: i32): bool {
  if (!labelsInRange(labels, rows, cols)) return false;
  const n = rows * cols;
  const divisor = <f32>rows;
  const d4 = f32x4.splat(divisor);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    v128.store(o + at, f32x4.div(v128.load(p + at), d4));
  }
  for (; i < n; i++) store<f32>(o + (<usize>i << 2), load<f32>(p + (<usize>i << 2)) / divisor);
  for (let r = 0; r < rows; r++) {
    const at = (<usize>r * <usize>cols + <usize>load<i32>(labels + (<usize>r << 2))) << 2;
    store<f32>(o + at, (load<f32>(p + at) - 1) / divisor);
  }
  return true;
}

/** Whether every label is a column index, 0 to cols − 1 (nothing is read at one that is not). */
function labelsInRange(labels: usize, rows: i32, cols: i32): bool {
  let bad: u32 = 0;
  for (let r = 0; r < rows; r++) bad |= <u32>(<u32>load<i32>(labels + (<usize>r << 2)) >= <u32>cols);
  return bad === 0;
}

/**
 * How many float32 rows have their largest value (the first on ties, as numpy's argmax; a NaN never
 * wins a comparison, as in the TypeScript loop) at their label; -1 (nothing read) if a label is out
 * of range.
 */
export function correctLabels(p: usize, labels: usize, rows: i32, cols: i32): i32 {
  if (!labelsInRange(labels, rows, cols)) return -1;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const row = p + ((<usize>r * <usize>cols) << 2);
    let best = 0;
    let bestValue = load<f32>(row);
    for (let j = 1; j < cols; j++) {
      // selects, not a branch: on a classifier's outputs the comparison goes either way
      const v = load<f32>(row + (<usize>j << 2));
      const better = v > bestValue;
      best = select<i32>(j, best, better);
      bestValue = select<f32>(v, bestValue, better);
    }
    correct += <i32>(best === load<i32>(labels + (<usize>r << 2)));
  }
  return correct;
}
