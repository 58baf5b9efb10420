// The elementwise loops of training in WebAssembly SIMD (AssemblyScript; `npm run build:wasm` compiles
// this file into src/accel/generated/relu-dropout-wasm.generated.ts): the masked ReLU + Dropout passes of
// src/model/relu-dropout-step.ts for float32 activations, and the column sums of sumColumns
// (src/tensor/ops.ts). Each does what the TypeScript loop does, in the same order, so every stored
// value is the one the TypeScript loop stores (the tests compare the two, zeros' signs and NaNs
// included): a vector lane is always a different element (or column), never a second term of one
// sum, and its selects are bit masks that keep the very bits the scalar select keeps.
// Addresses are placed by the caller; nothing is read or written outside the operands.

import { numpySum } from './pairwise-sum';

const ZERO: v128 = i32x4.splat(0);

// Lanes where the i32 mask word is 0, as 64-bit all-ones masks: low two words, high two words.
@inline function droppedLow(m: v128): v128 {
  return i64x2.extend_low_i32x4_s(i32x4.eq(m, ZERO));
}
@inline function droppedHigh(m: v128): v128 {
  return i64x2.extend_high_i32x4_s(i32x4.eq(m, ZERO));
}

/** v = x[i] < 0 ? 0 : x[i]; a[i] = v; o[i] = mask[i] === 0 ? 0 : v · scale (float32 v, double o). */
export function forward(x: usize, mask: usize, a: usize, o: usize, n: u32, scale: f64): void {
  const s = f64x2.splat(scale);
  const vectors = <usize>(n >>> 2) << 4;
  for (let at: usize = 0; at < vectors; at += 16) {
    const xi = v128.load(x + at);
    // `< 0` as ReLU's own forward: a NaN passes through, and -0 stays -0; dropped lanes are +0
    const v = v128.andnot(xi, f32x4.lt(xi, ZERO));
    v128.store(a + at, v);
    const m = v128.load(mask + at);
    const lo = f64x2.mul(f64x2.promote_low_f32x4(v), s);
    const hi = f64x2.mul(f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)), s);
    v128.store(o + (at << 1), v128.andnot(lo, droppedLow(m)));
    v128.store(o + (at << 1) + 16, v128.andnot(hi, droppedHigh(m)));
  }
  for (let i = <usize>(n >>> 2) << 2; i < <usize>n; i++) {
    const xi = load<f32>(x + (i << 2));
    const v = select<f32>(0, xi, xi < 0);
    store<f32>(a + (i << 2), v);
    store<f64>(o + (i << 3), select<f64>(0, <f64>v * scale, load<i32>(mask + (i << 2)) === 0));
  }
}

// Two vectors of double d at byte offset `at` of the float32 elements (d float32 or double).
@inline function dLow<D>(d: usize, at: usize): v128 {
  if (sizeof<D>() === 4) return f64x2.promote_low_f32x4(v128.load64_zero(d + at));
  return v128.load(d + (at << 1));
}
@inline function dHigh<D>(d: usize, at: usize): v128 {
  if (sizeof<D>() === 4) return f64x2.promote_low_f32x4(v128.load64_zero(d + at + 8));
  return v128.load(d + (at << 1) + 16);
}

/** gi = mask[i] === 0 ? 0 : d[i] · scale; g[i] = gi; o[i] = z[i] > 0 ? gi : 0 (d of type D; double g, o). */
function backwardOf<D>(d: usize, mask: usize, z: usize, g: usize, o: usize, n: u32, scale: f64): void {
  const s = f64x2.splat(scale);
  const vectors = <usize>(n >>> 2) << 4;
  for (let at: usize = 0; at < vectors; at += 16) {
    const m = v128.load(mask + at);
    const positive = f32x4.gt(v128.load(z + at), ZERO);
    const wide = at << 1;
    const lo = v128.andnot(f64x2.mul(dLow<D>(d, at), s), droppedLow(m));
    const hi = v128.andnot(f64x2.mul(dHigh<D>(d, at), s), droppedHigh(m));
    v128.store(g + wide, lo);
    v128.store(g + wide + 16, hi);
    v128.store(o + wide, v128.and(lo, i64x2.extend_low_i32x4_s(positive)));
    v128.store(o + wide + 16, v128.and(hi, i64x2.extend_high_i32x4_s(positive)));
  }
  for (let i = <usize>(n >>> 2) << 2; i < <usize>n; i++) {
    const di = <f64>load<D>(d + i * sizeof<D>());
    const gi = select<f64>(0, di * scale, load<i32>(mask + (i << 2)) === 0);
    store<f64>(g + (i << 3), gi);
    store<f64>(o + (i << 3), select<f64>(gi, 0, load<f32>(z + (i << 2)) > 0));
  }
}

/** backward with a double d. */
export function backward(d: usize, mask: usize, z: usize, g: usize, o: usize, n: u32, scale: f64): void {
  backwardOf<f64>(d, mask, z, g, o, n, scale);
}

/** backward with a float32 d, widened exactly to double as the TypeScript loop reads it. */
export function backwardF32(d: usize, mask: usize, z: usize, g: usize, o: usize, n: u32, scale: f64): void {
  backwardOf<f32>(d, mask, z, g, o, n, scale);
}

// Column sums, out[j] = ((a[0, j] + a[1, j]) + a[2, j]) + …, from +0, in T (float32 rounds each
// add, as numpy's np.sum(x, axis=0) of a float32 array; float64 in double). A vector holds
// neighbouring columns and streams down the rows; four of them hide the add latency.

@inline function add<T>(x: v128, y: v128): v128 {
  if (sizeof<T>() === 4) return f32x4.add(x, y);
  return f64x2.add(x, y);
}

/** The sums of the vector-wide column groups at byte offsets c0..c3 of each row, into out. */
function columns4<T>(a: usize, rows: i32, stride: usize, c0: usize, c1: usize, c2: usize, c3: usize, out: usize): void {
  let s0 = ZERO, s1 = ZERO, s2 = ZERO, s3 = ZERO;
  let row = a;
  for (let i = 0; i < rows; i++) {
    s0 = add<T>(s0, v128.load(row + c0));
    s1 = add<T>(s1, v128.load(row + c1));
    s2 = add<T>(s2, v128.load(row + c2));
    s3 = add<T>(s3, v128.load(row + c3));
    row += stride;
  }
  // an offset may repeat (a short last group): it stores the same sums twice
  v128.store(out + c0, s0);
  v128.store(out + c1, s1);
  v128.store(out + c2, s2);
  v128.store(out + c3, s3);
}

// Lane j (a constant per call site) of a vector of T.
@inline function lane<T>(s: v128, j: i32): T {
  if (sizeof<T>() === 8) return <T>f64x2.extract_lane(s, 0);
  if (j === 0) return <T>f32x4.extract_lane(s, 0);
  return <T>(j === 1 ? f32x4.extract_lane(s, 1) : f32x4.extract_lane(s, 2));
}

/** Fewer columns than a vector holds: each row's vector runs into the next row, lanes past `cols` unused. */
function narrow<T>(a: usize, rows: i32, cols: i32, out: usize): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / <i32>sizeof<T>();
  const total = rows * cols;
  // the rows whose vector ends inside the matrix; the last few are summed one element at a time
  const vectorRows = total < lanes ? 0 : min(rows, (total - lanes) / cols + 1);
  const stride = <usize>cols * size;
  let s = ZERO;
  let row = a;
  for (let i = 0; i < vectorRows; i++) {
    s = add<T>(s, v128.load(row));
    row += stride;
  }
  for (let j = 0; j < cols; j++) {
    let sum = lane<T>(s, j);
    for (let i = vectorRows; i < rows; i++) sum += load<T>(a + (<usize>i * <usize>cols + <usize>j) * size);
    store<T>(out + <usize>j * size, sum);
  }
}

function sumColumns<T>(a: usize, rows: i32, cols: i32, out: usize): void {
  const size = <usize>sizeof<T>();
  const width = <usize>cols * size;
  if (cols === 1) {
    // numpy sums an (N, 1) column as one contiguous run: pairwise, not row by row
    store<T>(out, numpySum<T>(a, rows));
    return;
  }
  if (width < 16) {
    narrow<T>(a, rows, cols, out);
    return;
  }
  // four vectors at a time, at byte offsets 0, 16, 32, …; past the row's end a group moves back to
  // end at it (overlapping the one before, whose columns it sums again in the same order)
  const last = width - 16;
  for (let c: usize = 0; c < width; c += 64) {
    columns4<T>(a, rows, width, min(c, last), min(c + 16, last), min(c + 32, last), min(c + 48, last), out);
  }
}

/** out[j] = Σ_i a[i, j] in float32, rounding each add (float32 a and out), in numpy's order (sumColumns). */
export function sumColumnsF32(a: usize, rows: i32, cols: i32, out: usize): void {
  sumColumns<f32>(a, rows, cols, out);
}

/** out[j] = Σ_i a[i, j] in double (float64 a and out), in numpy's order (sumColumns). */
export function sumColumnsF64(a: usize, rows: i32, cols: i32, out: usize): void {
  sumColumns<f64>(a, rows, cols, out);
}

/**
 * sumColumnsF64 over a range of columns of a wider matrix (a thread's share of the columns): `cols`
 * columns from `a`, rows `stride` bytes apart, into out[0..cols). cols · 8 ≥ 16 (no narrow path).
 */
export function sumColumnRangeF64(a: usize, rows: i32, cols: i32, stride: usize, out: usize): void {
  const width = <usize>cols << 3;
  const last = width - 16;
  for (let c: usize = 0; c < width; c += 64) {
    columns4<f64>(a, rows, stride, min(c, last), min(c + 16, last), min(c + 32, last), min(c + 48, last), out);
  }
}
