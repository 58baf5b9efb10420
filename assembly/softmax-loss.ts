// The float32 softmax and the categorical cross-entropy of the labels in WebAssembly (AssemblyScript;
// `npm run build:wasm` compiles this file into src/losses/softmax-loss-wasm.generated.ts): the loops
// of Softmax.apply (src/layers/activations.ts) and CategoricalCrossentropy.forward, with numpy's
// float32 exp and log as src/tensor/libm/numpy-float32-{exp,log}.ts port them. Every operation is
// the TypeScript one: a double operation, then a rounding to float32 where the TypeScript calls
// Math.fround (WebAssembly's f64 arithmetic and f32.demote_f64 are JavaScript's), in the same order,
// so every stored bit is the same (softmax-loss-wasm.test.ts compares them).

const LOG2E: f64 = reinterpret<f32>(0x3fb8aa3b);
const MAGIC: f64 = reinterpret<f32>(0x4b400000);
const LN2_HI: f64 = reinterpret<f32>(0xbf317200);
const LN2_LO: f64 = reinterpret<f32>(0xb5bfbe8e);
const EP0: f64 = reinterpret<f32>(0x3f800000);
const EP1: f64 = reinterpret<f32>(0x3f39cbd5);
const EP2: f64 = reinterpret<f32>(0x3e7d4c58);
const EP3: f64 = reinterpret<f32>(0x3d517d8c);
const EP4: f64 = reinterpret<f32>(0x3bdd7159);
const EP5: f64 = reinterpret<f32>(0x3a053dd8);
const EQ0: f64 = reinterpret<f32>(0x3f800000);
const EQ1: f64 = reinterpret<f32>(0xbe8c6857);
const EQ2: f64 = reinterpret<f32>(0x3cb0e832);
const XMAX: f64 = reinterpret<f32>(0x42b17218);
const XMIN: f64 = reinterpret<f32>(0xc2cff1b5);

@inline function fr(x: f64): f64 {
  return <f64><f32>x;
}

/** numpyExpFloat32 (the plain form) of a float32 value, as a double holding a float32 value. */
function expFloat32(x: f64): f64 {
  x = fr(x);
  if (!(x < XMAX)) return x >= XMAX ? Infinity : NaN;
  if (x <= XMIN) return 0;
  const q = fr(fr(x * LOG2E) + MAGIC) - MAGIC;
  let r = fr(q * LN2_HI + x);
  r = fr(q * LN2_LO + r);
  let num = fr(EP5 * r + EP4);
  num = fr(num * r + EP3);
  num = fr(num * r + EP2);
  num = fr(num * r + EP1);
  num = fr(num * r + EP0);
  const den = fr(fr(EQ2 * r + EQ1) * r + EQ0);
  // 2^q from its bits: q is an integer in [-150, 128]
  const pow2 = reinterpret<f64>(<u64>(<i64>q + 1023) << 52);
  return fr(fr(num / den) * pow2);
}

const LP1: f64 = reinterpret<f32>(0x3f800000);
const LP2: f64 = reinterpret<f32>(0x4007361c);
const LP3: f64 = reinterpret<f32>(0x3fbd70a9);
const LP4: f64 = reinterpret<f32>(0x3ec30333);
const LP5: f64 = reinterpret<f32>(0x3cd42bcd);
const LQ0: f64 = reinterpret<f32>(0x3f800000);
const LQ1: f64 = reinterpret<f32>(0x4027361c);
const LQ2: f64 = reinterpret<f32>(0x401cfe0d);
const LQ3: f64 = reinterpret<f32>(0x3f7c8ae4);
const LQ4: f64 = reinterpret<f32>(0x3e1e5bf3);
const LQ5: f64 = reinterpret<f32>(0x3bc083df);
const LN2: f64 = reinterpret<f32>(0x3f317218);
const SQRT1_2: f64 = reinterpret<f32>(0x3f3504f3);

/** fma32 of numpy-float32-exp.ts: a·b + c rounded once to float32, the tie case settled exactly. */
function fma32(a: f64, b: f64, c: f64): f64 {
  const p = a * b;
  const s = p + c;
  const r = fr(s);
  if (r === s) return r;
  const other = r + 2 * (s - r);
  if (fr(other) !== other) return r;
  const z = s - p;
  const t = p - (s - z) + (c - z);
  if (t === 0) return r;
  return t > 0 === other > r ? other : r;
}

/** numpyLogFloat32 of a float32 value, as a double holding a float32 value. */
function logFloat32(x: f64): f64 {
  x = fr(x);
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  let bits = reinterpret<u32>(<f32>x);
  let e: i32 = <i32>(bits >>> 23) - 126;
  if (e === -126) {
    bits = reinterpret<u32>(<f32>(x * 1.2676506002282294e30)); // x · 2^100, exact
    e = <i32>(bits >>> 23) - 226;
  }
  let m: f64 = reinterpret<f32>((bits & 0x7fffff) | 0x3f000000);
  if (m <= SQRT1_2) {
    m += m;
    e -= 1;
  }
  m -= 1;
  let num = fma32(LP5, m, LP4);
  num = fma32(num, m, LP3);
  num = fma32(num, m, LP2);
  num = fma32(num, m, LP1);
  num = fr(num * m) + 0;
  let den = fma32(LQ5, m, LQ4);
  den = fma32(den, m, LQ3);
  den = fma32(den, m, LQ2);
  den = fma32(den, m, LQ1);
  den = fma32(den, m, LQ0);
  const poly = fr(num / den);
  return fma32(<f64>e, LN2, poly);
}

/** Softmax.apply for float32 rows: o = exp(x − max) / Σ, the sum in float32 left to right. */
export function softmaxRows(x: usize, o: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const xr = x + (<usize>r * <usize>cols << 2);
    const or = o + (<usize>r * <usize>cols << 2);
    let max: f64 = load<f32>(xr);
    for (let c = 1; c < cols; c++) {
      const v: f64 = load<f32>(xr + (<usize>c << 2));
      if (v > max) max = v;
    }
    let sum: f64 = 0;
    for (let c = 0; c < cols; c++) {
      const e = expFloat32(fr(<f64>load<f32>(xr + (<usize>c << 2)) - max));
      store<f32>(or + (<usize>c << 2), <f32>e);
      sum = fr(sum + e);
    }
    for (let c = 0; c < cols; c++) {
      const at = or + (<usize>c << 2);
      store<f32>(at, <f32>(<f64>load<f32>(at) / sum));
    }
  }
}

/** CategoricalCrossentropy.forward with labels, float32: out[r] = −log(clip(p[r, label])). */
export function crossEntropyLabels(p: usize, labels: usize, out: usize, rows: i32, cols: i32, low: f64, high: f64): void {
  for (let r = 0; r < rows; r++) {
    const label = load<i32>(labels + (<usize>r << 2));
    let v: f64 = load<f32>(p + ((<usize>r * <usize>cols + <usize>label) << 2));
    v = v < low ? low : v > high ? high : v;
    store<f32>(out + (<usize>r << 2), <f32>-logFloat32(v));
  }
}

/** numpyExpFloat32 and numpyLogFloat32 over arrays (for the tests that compare them with TypeScript). */
export function expArray(x: usize, o: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(o + (<usize>i << 2), <f32>expFloat32(load<f32>(x + (<usize>i << 2))));
}

export function logArray(x: usize, o: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(o + (<usize>i << 2), <f32>logFloat32(load<f32>(x + (<usize>i << 2))));
}
