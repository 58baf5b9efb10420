// The masked loops of src/layers/relu-dropout.ts in WebAssembly, for the float32 activations of
// training (AssemblyScript; `npm run build:wasm` compiles this file into
// src/layers/relu-dropout-wasm.generated.ts): the same selects, the same double multiply, in the
// same order, so every stored value is the one the TypeScript loop stores (relu-dropout.test.ts
// compares the two, zeros' signs and NaNs included). Addresses are placed by the caller.

/** v = x[i] < 0 ? 0 : x[i]; a[i] = v; o[i] = mask[i] === 0 ? 0 : v · scale (float32 v, double o). */
export function forward(x: usize, mask: usize, a: usize, o: usize, n: u32, scale: f64): void {
  for (let i: u32 = 0; i < n; i++) {
    const at = <usize>i;
    const xi = load<f32>(x + (at << 2));
    // `< 0` as ReLU's own forward: a NaN passes through, and -0 stays -0
    const v = select<f32>(0, xi, xi < 0);
    store<f32>(a + (at << 2), v);
    store<f64>(o + (at << 3), select<f64>(0, <f64>v * scale, load<i32>(mask + (at << 2)) === 0));
  }
}

/** gi = mask[i] === 0 ? 0 : d[i] · scale; g[i] = gi; o[i] = z[i] > 0 ? gi : 0 (double d, g, o). */
export function backward(d: usize, mask: usize, z: usize, g: usize, o: usize, n: u32, scale: f64): void {
  for (let i: u32 = 0; i < n; i++) {
    const at = <usize>i;
    const gi = select<f64>(0, load<f64>(d + (at << 3)) * scale, load<i32>(mask + (at << 2)) === 0);
    store<f64>(g + (at << 3), gi);
    store<f64>(o + (at << 3), select<f64>(gi, 0, load<f32>(z + (at << 2)) > 0));
  }
}
