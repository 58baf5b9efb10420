// Adam's update in WebAssembly SIMD (AssemblyScript; `npm run build:wasm` compiles this file into
// src/accel/generated/adam-wasm.generated.ts), the loop of src/optimizers/adam.ts element for element:
//   m = b1·m + (1 − b1)·g;  v = b2·v + (1 − b2)·g²;  w += (−lr·m/c1) / (√(v/c2) + ε)
// every operation rounded in the gradient's precision, as numpy does it. WebAssembly's float32 +,
// −, ×, ÷ and √ are IEEE single precision, correctly rounded per lane, which is what the TypeScript
// loop gets by rounding each double result with Math.fround (for these five operations a double
// result rounded to float32 equals the float32 result). So every stored bit is the loop's.
//
// W is the parameter's precision (float32, or float64 for gradient checks); the gradient and the
// moments share G's (float64 below the book's Dropout). W's update is computed in G's precision and
// rounded when stored, as numpy's `w += ...` on a float32 array.

@inline function loadW<TW, TG>(ptr: usize): v128 {
  if (sizeof<TG>() === 4) return v128.load(ptr); // then TW is float32 too
  if (sizeof<TW>() === 4) return f64x2.promote_low_f32x4(v128.load64_zero(ptr));
  return v128.load(ptr);
}

@inline function storeW<TW, TG>(ptr: usize, value: v128): void {
  if (sizeof<TG>() === 4 || sizeof<TW>() === 8) v128.store(ptr, value);
  else v128.store64_lane(ptr, f32x4.demote_f64x2_zero(value), 0);
}

function updateOf<TW, TG>(
  w: usize, g: usize, m: usize, v: usize, n: i32,
  b1: f64, oneMinusB1: f64, b2: f64, oneMinusB2: f64, c1: f64, c2: f64, minusLr: f64, eps: f64,
): void {
  const SW: usize = sizeof<TW>(), SG: usize = sizeof<TG>();
  const lanes: i32 = SG === 4 ? 4 : 2;
  let i: i32 = 0;
  if (SG === 4) {
    const B1 = f32x4.splat(<f32>b1), OB1 = f32x4.splat(<f32>oneMinusB1);
    const B2 = f32x4.splat(<f32>b2), OB2 = f32x4.splat(<f32>oneMinusB2);
    const C1 = f32x4.splat(<f32>c1), C2 = f32x4.splat(<f32>c2);
    const LR = f32x4.splat(<f32>minusLr), EPS = f32x4.splat(<f32>eps);
    for (; i + lanes <= n; i += lanes) {
      const at = <usize>i;
      const gi = v128.load(g + at * SG);
      const mi = f32x4.add(f32x4.mul(B1, v128.load(m + at * SG)), f32x4.mul(OB1, gi));
      const vi = f32x4.add(f32x4.mul(B2, v128.load(v + at * SG)), f32x4.mul(OB2, f32x4.mul(gi, gi)));
      v128.store(m + at * SG, mi);
      v128.store(v + at * SG, vi);
      const step = f32x4.div(f32x4.mul(LR, f32x4.div(mi, C1)), f32x4.add(f32x4.sqrt(f32x4.div(vi, C2)), EPS));
      v128.store(w + at * SW, f32x4.add(v128.load(w + at * SW), step));
    }
  } else {
    const B1 = f64x2.splat(b1), OB1 = f64x2.splat(oneMinusB1);
    const B2 = f64x2.splat(b2), OB2 = f64x2.splat(oneMinusB2);
    const C1 = f64x2.splat(c1), C2 = f64x2.splat(c2);
    const LR = f64x2.splat(minusLr), EPS = f64x2.splat(eps);
    for (; i + lanes <= n; i += lanes) {
      const at = <usize>i;
      const gi = v128.load(g + at * SG);
      const mi = f64x2.add(f64x2.mul(B1, v128.load(m + at * SG)), f64x2.mul(OB1, gi));
      const vi = f64x2.add(f64x2.mul(B2, v128.load(v + at * SG)), f64x2.mul(OB2, f64x2.mul(gi, gi)));
      v128.store(m + at * SG, mi);
      v128.store(v + at * SG, vi);
      const step = f64x2.div(f64x2.mul(LR, f64x2.div(mi, C1)), f64x2.add(f64x2.sqrt(f64x2.div(vi, C2)), EPS));
      storeW<TW, TG>(w + at * SW, f64x2.add(loadW<TW, TG>(w + at * SW), step));
    }
  }
  for (; i < n; i++) {
    const at = <usize>i;
    if (SG === 4) {
      const gi = load<f32>(g + at * SG);
      const mi = <f32>b1 * load<f32>(m + at * SG) + <f32>oneMinusB1 * gi;
      const vi = <f32>b2 * load<f32>(v + at * SG) + <f32>oneMinusB2 * (gi * gi);
      store<f32>(m + at * SG, mi);
      store<f32>(v + at * SG, vi);
      const step = (<f32>minusLr * (mi / <f32>c1)) / (Mathf.sqrt(vi / <f32>c2) + <f32>eps);
      store<f32>(w + at * SW, load<f32>(w + at * SW) + step);
    } else {
      const gi = load<f64>(g + at * SG);
      const mi = b1 * load<f64>(m + at * SG) + oneMinusB1 * gi;
      const vi = b2 * load<f64>(v + at * SG) + oneMinusB2 * (gi * gi);
      store<f64>(m + at * SG, mi);
      store<f64>(v + at * SG, vi);
      const step = (minusLr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
      if (SW === 4) store<f32>(w + at * SW, <f32>(<f64>load<f32>(w + at * SW) + step));
      else store<f64>(w + at * SW, load<f64>(w + at * SW) + step);
    }
  }
}

/**
 * One Adam step over n elements at w (value), g (gradient), m and v (moments). w64 and g64 say
 * which are float64 (m and v are g's). The constants come already rounded to g's precision.
 */
export function update(
  w: usize, w64: i32, g: usize, m: usize, v: usize, g64: i32, n: i32,
  b1: f64, oneMinusB1: f64, b2: f64, oneMinusB2: f64, c1: f64, c2: f64, minusLr: f64, eps: f64,
): void {
  if (g64 === 0) updateOf<f32, f32>(w, g, m, v, n, b1, oneMinusB1, b2, oneMinusB2, c1, c2, minusLr, eps);
  else if (w64 === 0) updateOf<f32, f64>(w, g, m, v, n, b1, oneMinusB1, b2, oneMinusB2, c1, c2, minusLr, eps);
  else updateOf<f64, f64>(w, g, m, v, n, b1, oneMinusB1, b2, oneMinusB2, c1, c2, minusLr, eps);
}
