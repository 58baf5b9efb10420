// Packing for the matrix products of matmul.ts: operands copied to float64 in the layouts its
// micro-kernels stream through. Every value is converted exactly (float32 → float64) or copied.

/** A(i, p) as a float64 pair. */
@inline export function splatA<T>(ptr: usize): v128 {
  if (sizeof<T>() === 4) return f64x2.splat(<f64>load<T>(ptr));
  return v128.load64_splat(ptr);
}

/** A(i, p) and A(i + 1, p) as a float64 pair; X is u16 when the second follows the first in memory. */
@inline export function pairA<T, X>(a0: usize, a1: usize): v128 {
  if (sizeof<X>() === 2) return pairB<T>(a0);
  if (sizeof<T>() === 4) return f64x2.promote_low_f32x4(v128.load32_lane(a1, v128.load32_zero(a0), 1));
  return v128.load64_lane(a1, v128.load64_zero(a0), 1);
}

/** Two neighbouring elements (columns j, j + 1) of a row of B as a float64 pair. */
@inline export function pairB<T>(ptr: usize): v128 {
  if (sizeof<T>() === 4) return f64x2.promote_low_f32x4(v128.load64_zero(ptr));
  return v128.load(ptr);
}

// Copies the first n8 (a multiple of 8) columns of B as float64 panels of 8 columns, each panel k
// rows of 64 contiguous bytes: the micro-kernel then streams B in order, without conversions.
export function packPanels<TB>(k: i32, n8: i32, b: usize, brs: i32, panels: usize): void {
  const SB: usize = sizeof<TB>();
  let dst = panels;
  for (let j = 0; j < n8; j += 8) {
    let src = b + <usize>j * SB;
    for (let p = 0; p < k; p++) {
      v128.store(dst, pairB<TB>(src));
      v128.store(dst + 16, pairB<TB>(src + 2 * SB));
      v128.store(dst + 32, pairB<TB>(src + 4 * SB));
      v128.store(dst + 48, pairB<TB>(src + 6 * SB));
      dst += 64;
      src += <usize>brs * SB;
    }
  }
}

export function packPair<TA>(k: i32, a0: usize, a1: usize, aStep: usize, dst: usize): void {
  for (let p = 0; p < k; p++) {
    store<f64>(dst, <f64>load<TA>(a0));
    store<f64>(dst + 8, <f64>load<TA>(a1));
    a0 += aStep;
    a1 += aStep;
    dst += 16;
  }
}

// Up to three columns of B as float64, padded with zero columns to four: k rows of 32 bytes.
export function packCols<TB>(k: i32, n: i32, b: usize, bStep: usize, dst: usize): void {
  const SB: usize = sizeof<TB>();
  for (let p = 0; p < k; p++) {
    store<f64>(dst, <f64>load<TB>(b));
    store<f64>(dst + 8, n > 1 ? <f64>load<TB>(b + SB) : 0);
    store<f64>(dst + 16, n > 2 ? <f64>load<TB>(b + 2 * SB) : 0);
    store<f64>(dst + 24, 0);
    dst += 32;
    b += bStep;
  }
}

// The k rows of n columns of B as float64, each row n·8 contiguous bytes.
export function packRows<TB>(k: i32, n: i32, b: usize, bStep: usize, dst: usize): void {
  const SB: usize = sizeof<TB>();
  for (let p = 0; p < k; p++) {
    for (let j = 0; j < n; j++) store<f64>(dst + <usize>j * 8, <f64>load<TB>(b + <usize>j * SB));
    dst += <usize>n * 8;
    b += bStep;
  }
}

/** dst[c·rows + r] = src[r·cols + c] as float64: lays out Bᵀ for a·bᵀ so that columns are contiguous. */
export function transposeToF64(src: usize, src64: i32, rows: i32, cols: i32, dst: usize): void {
  if (src64 !== 0) transposeOf<f64>(src, rows, cols, dst);
  else transposeOf<f32>(src, rows, cols, dst);
}

// Eight source columns at a time: each source row gives one short contiguous read, and the eight
// destination rows are written in order, so neither side strides through the cache.
function transposeOf<T>(src: usize, rows: i32, cols: i32, dst: usize): void {
  const S: usize = sizeof<T>();
  const R = <usize>rows;
  for (let c0 = 0; c0 < cols; c0 += 8) {
    const width = min(8, cols - c0);
    for (let r = 0; r < rows; r++) {
      const s = src + (<usize>r * <usize>cols + <usize>c0) * S;
      const d = dst + (<usize>c0 * R + <usize>r) * 8;
      for (let c = 0; c < width; c++) store<f64>(d + <usize>c * R * 8, <f64>load<T>(s + <usize>c * S));
    }
  }
}
