// WebAssembly SIMD matrix products in float32 accumulation, for setMatmulPrecision('float32')
// (AssemblyScript; `npm run build:wasm` compiles this file into
// src/accel/generated/kernels-f32-wasm.generated.ts).
//
// out(i, j) = Σ_p A(i, p) · B(p, j), p ascending from +0, every product and every sum rounded to
// float32 (c = c + a·b; WebAssembly SIMD has no fused multiply-add, so each step rounds exactly as
// Math.fround after every operation does, reference-f32-kernels.ts). The f32x4 lanes hold four
// neighbouring OUTPUT columns, never four terms of one sum. A float64 operand is rounded to float32
// when it is packed; a float64 out receives the float32 sum widened (plus the bias, in double).
//
// The operands are packed to float32: A into blocks of 4 rows (k steps of 16 bytes: the four rows'
// values at p), B into panels of 8 columns (k steps of 32 bytes), padded with zeros, so that one
// 4 x 8 micro-kernel (eight vector accumulators) serves every shape and every stride, and edge
// blocks cost nothing but their unused lanes. Only when at most 16 rows reuse B, and its rows are
// float32 with contiguous columns, are its whole panels read in place instead. When the output has fewer than 8 columns and
// more rows (3000x64·64x3), the kernel computes outᵀ = Bᵀ·Aᵀ instead, so the lanes run along m.
//
// Strides are in elements:  A(i, p) at a + (i·ars + p·acs)·size(A)   B(p, j) at b + (p·brs + j·bcs)·size(B)
//   out(i, j) at o + (i·ors + j·ocs)·size(out)   bias (by j) at bias, or bias = 0 for none.

const MR = 4;
const NR = 8;

@inline function ceilTo(x: i32, step: i32): i32 {
  return (x + step - 1) / step * step;
}

@inline function readF32<T>(ptr: usize): f32 {
  if (sizeof<T>() === 8) return <f32>load<f64>(ptr);
  return load<f32>(ptr);
}

// Rows [0, m) of A as blocks of MR rows: block ib, step p holds A(ib·MR + r, p) at r = 0..3.
function packA<T>(m: i32, k: i32, a: usize, ars: i32, acs: i32, dst: usize): void {
  const S: usize = sizeof<T>();
  const rowStep = <usize>ars * S;
  const colStep = <usize>acs * S;
  for (let i = 0; i < m; i += MR) {
    const rows = min(MR, m - i);
    const block = dst + <usize>i * <usize>k * 4;
    if (rows === MR && ars === 1 && S === 4) {
      // aᵀ·b: the four rows' values at p are neighbours in memory.
      let src = a + <usize>i * S;
      for (let p = 0; p < k; p++) {
        v128.store(block + (<usize>p << 4), v128.load(src));
        src += colStep;
      }
      continue;
    }
    for (let r = 0; r < MR; r++) {
      let out = block + (<usize>r << 2);
      if (r >= rows) {
        for (let p = 0; p < k; p++) {
          store<f32>(out, 0);
          out += 16;
        }
        continue;
      }
      let src = a + <usize>(i + r) * rowStep;
      for (let p = 0; p < k; p++) {
        store<f32>(out, readF32<T>(src));
        src += colStep;
        out += 16;
      }
    }
  }
}

// Columns [j0, n) of B (j0 a multiple of NR) as panels of NR columns: panel jp, step p holds
// B(p, jp·NR + c) at c = 0..7.
function packB<T>(k: i32, j0: i32, n: i32, b: usize, brs: i32, bcs: i32, dst: usize): void {
  const S: usize = sizeof<T>();
  const rowStep = <usize>brs * S;
  const colStep = <usize>bcs * S;
  for (let j = j0; j < n; j += NR) {
    const cols = min(NR, n - j);
    const panel = dst + <usize>j * <usize>k * 4;
    if (cols === NR && bcs === 1 && S === 4) {
      let src = b + <usize>j * S;
      for (let p = 0; p < k; p++) {
        const at = panel + (<usize>p << 5);
        v128.store(at, v128.load(src));
        v128.store(at + 16, v128.load(src + 16));
        src += rowStep;
      }
      continue;
    }
    // Column by column: a·bᵀ reads each column of B contiguously.
    for (let c = 0; c < NR; c++) {
      let out = panel + (<usize>c << 2);
      if (c >= cols) {
        for (let p = 0; p < k; p++) {
          store<f32>(out, 0);
          out += 32;
        }
        continue;
      }
      let src = b + <usize>(j + c) * colStep;
      for (let p = 0; p < k; p++) {
        store<f32>(out, readF32<T>(src));
        src += rowStep;
        out += 32;
      }
    }
  }
}

// One 4 x 8 block of outputs from packed A (pa) and 8 columns of B at pb, rows of B bStep bytes apart
// (32 in a packed panel). Stores the eight accumulators
// (plus the float32 bias vectors at bias, when given) at dst, rows dstRow bytes apart.
function micro(k: i32, pa: usize, pb: usize, bStep: usize, dst: usize, dstRow: usize, bias: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let x = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    pa += 16;
    pb += bStep;
  }
  if (bias !== 0) {
    const v0 = v128.load(bias);
    const v1 = v128.load(bias, 16);
    c00 = f32x4.add(c00, v0);
    c01 = f32x4.add(c01, v1);
    c10 = f32x4.add(c10, v0);
    c11 = f32x4.add(c11, v1);
    c20 = f32x4.add(c20, v0);
    c21 = f32x4.add(c21, v1);
    c30 = f32x4.add(c30, v0);
    c31 = f32x4.add(c31, v1);
  }
  v128.store(dst, c00);
  v128.store(dst, c01, 16);
  dst += dstRow;
  v128.store(dst, c10);
  v128.store(dst, c11, 16);
  dst += dstRow;
  v128.store(dst, c20);
  v128.store(dst, c21, 16);
  dst += dstRow;
  v128.store(dst, c30);
  v128.store(dst, c31, 16);
}

// One row times 32 columns of B read in place (batch-1 inference): the 4 x 8 micro-kernel would
// spend three of its four rows on padding. Eight accumulators, as there, but along the row.
function rowTimes32(k: i32, pa: usize, pb: usize, bStep: usize, dst: usize, bias: usize): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let c4 = f32x4.splat(0), c5 = f32x4.splat(0), c6 = f32x4.splat(0), c7 = f32x4.splat(0);
  for (let p = 0; p < k; p++) {
    const x = v128.load32_splat(pa);
    c0 = f32x4.add(c0, f32x4.mul(x, v128.load(pb)));
    c1 = f32x4.add(c1, f32x4.mul(x, v128.load(pb, 16)));
    c2 = f32x4.add(c2, f32x4.mul(x, v128.load(pb, 32)));
    c3 = f32x4.add(c3, f32x4.mul(x, v128.load(pb, 48)));
    c4 = f32x4.add(c4, f32x4.mul(x, v128.load(pb, 64)));
    c5 = f32x4.add(c5, f32x4.mul(x, v128.load(pb, 80)));
    c6 = f32x4.add(c6, f32x4.mul(x, v128.load(pb, 96)));
    c7 = f32x4.add(c7, f32x4.mul(x, v128.load(pb, 112)));
    pa += 16;
    pb += bStep;
  }
  if (bias !== 0) {
    c0 = f32x4.add(c0, v128.load(bias));
    c1 = f32x4.add(c1, v128.load(bias, 16));
    c2 = f32x4.add(c2, v128.load(bias, 32));
    c3 = f32x4.add(c3, v128.load(bias, 48));
    c4 = f32x4.add(c4, v128.load(bias, 64));
    c5 = f32x4.add(c5, v128.load(bias, 80));
    c6 = f32x4.add(c6, v128.load(bias, 96));
    c7 = f32x4.add(c7, v128.load(bias, 112));
  }
  v128.store(dst, c0);
  v128.store(dst, c1, 16);
  v128.store(dst, c2, 32);
  v128.store(dst, c3, 48);
  v128.store(dst, c4, 64);
  v128.store(dst, c5, 80);
  v128.store(dst, c6, 96);
  v128.store(dst, c7, 112);
}

// A block the micro-kernel cannot store directly (edge, strided or float64 out, float64 bias, bias
// by row): its 4 x 8 tile, element by element. The bias is added in double to the float32 sum and
// the total rounded once for a float32 out: numpy's `np.dot(...) + b`, and Math.fround(c + b).
function putTile<TO>(
  tile: usize, rows: i32, cols: i32, o: usize, ors: i32, ocs: i32,
  bias: usize, bias64: i32, byRow: bool, i: i32, j: i32,
): void {
  const SO: usize = sizeof<TO>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let v = <f64>load<f32>(tile + (<usize>(r * NR + c) << 2));
      if (bias !== 0) {
        const at = <usize>(byRow ? i + r : j + c);
        v += bias64 ? load<f64>(bias + (at << 3)) : <f64>load<f32>(bias + (at << 2));
      }
      const to = o + (<usize>(i + r) * <usize>ors + <usize>(j + c) * <usize>ocs) * SO;
      if (SO === 4) store<f32>(to, <f32>v);
      else store<f64>(to, v);
    }
  }
}

// Columns [0, nInPlace) of B are read where they are (float32 rows, brs elements apart), the others
// from the packed panels at pb.
function blocks<TO>(
  m: i32, k: i32, n: i32, pa: usize, pb: usize, b: usize, brs: i32, nInPlace: i32,
  o: usize, ors: i32, ocs: i32, bias: usize, bias64: i32, byRow: bool, tile: usize,
): void {
  const SO: usize = sizeof<TO>();
  // The micro-kernel stores straight into out when a block is whole, its rows contiguous float32,
  // and any bias float32 by column.
  const direct = SO === 4 && ocs === 1 && (bias === 0 || (!bias64 && !byRow));
  const rowBytes = <usize>ors * SO;
  let jStart = 0;
  if (m === 1 && direct) {
    for (; jStart + 32 <= nInPlace; jStart += 32) {
      const to = o + (<usize>jStart << 2);
      rowTimes32(k, pa, b + (<usize>jStart << 2), <usize>brs << 2, to, bias === 0 ? 0 : bias + (<usize>jStart << 2));
    }
  }
  for (let j = jStart; j < n; j += NR) {
    const inPlace = j < nInPlace;
    const panel = inPlace ? b + (<usize>j << 2) : pb + <usize>j * <usize>k * 4;
    const bStep: usize = inPlace ? <usize>brs << 2 : 32;
    const cols = min(NR, n - j);
    for (let i = 0; i < m; i += MR) {
      const block = pa + <usize>i * <usize>k * 4;
      const rows = min(MR, m - i);
      if (direct && rows === MR && cols === NR) {
        const to = o + (<usize>i * <usize>ors + <usize>j) * SO;
        micro(k, block, panel, bStep, to, rowBytes, bias === 0 ? 0 : bias + (<usize>j << 2));
      } else {
        micro(k, block, panel, bStep, tile, NR * 4, 0);
        putTile<TO>(tile, rows, cols, o, ors, ocs, bias, bias64, byRow, i, j);
      }
    }
  }
}

// The fraction of the micro-kernels' lanes that hold real outputs, m rows and n columns.
@inline function fill(m: i32, n: i32): f64 {
  return (<f64>m / <f64>ceilTo(m, MR)) * (<f64>n / <f64>ceilTo(n, NR));
}

/**
 * out = op(A)·op(B) (+ bias) with the strides above; a64, b64, o64, bias64 say which arrays are
 * float64. work: (ceil8(m) + ceil8(n))·k·4 + 128 bytes of working space, 16-aligned.
 */
export function gemm(
  m: i32, k: i32, n: i32, a: usize, a64: i32, ars: i32, acs: i32,
  b: usize, b64: i32, brs: i32, bcs: i32, o: usize, o64: i32, ors: i32, ocs: i32,
  bias: usize, bias64: i32, work: usize,
): void {
  if (m <= 0 || n <= 0) return;
  // outᵀ = Bᵀ·Aᵀ: the roles of the operands swap, and so do the output's strides.
  const swap = fill(n, m) > fill(m, n);
  const rm = swap ? n : m, rn = swap ? m : n;
  // B as the kernel sees it (Aᵀ when swapped). Few row blocks reuse its panels: whole panels of
  // float32 rows are then read in place rather than packed.
  const rb = swap ? a : b, rb64 = swap ? a64 : b64;
  const rbrs = swap ? acs : brs, rbcs = swap ? ars : bcs;
  const nInPlace = !rb64 && rbcs === 1 && rm <= 4 * MR ? rn & ~(NR - 1) : 0;
  const pa = work;
  const pb = work + <usize>ceilTo(rm, NR) * <usize>k * 4;
  const tile = pb + <usize>ceilTo(rn, NR) * <usize>k * 4;
  if (swap) {
    if (b64) packA<f64>(n, k, b, bcs, brs, pa);
    else packA<f32>(n, k, b, bcs, brs, pa);
    if (a64) packB<f64>(k, nInPlace, m, a, acs, ars, pb);
    else packB<f32>(k, nInPlace, m, a, acs, ars, pb);
  } else {
    if (a64) packA<f64>(m, k, a, ars, acs, pa);
    else packA<f32>(m, k, a, ars, acs, pa);
    if (b64) packB<f64>(k, nInPlace, n, b, brs, bcs, pb);
    else packB<f32>(k, nInPlace, n, b, brs, bcs, pb);
  }
  const rors = swap ? ocs : ors, rocs = swap ? ors : ocs;
  if (o64) blocks<f64>(rm, k, rn, pa, pb, rb, rbrs, nInPlace, o, rors, rocs, bias, bias64, swap, tile);
  else blocks<f32>(rm, k, rn, pa, pb, rb, rbrs, nInPlace, o, rors, rocs, bias, bias64, swap, tile);
}
