// numpy's legacy binomial sampler, statement for statement:
// numpy/random/src/legacy/legacy-distributions.c (legacy_random_binomial_original, _inversion and
// _btpe, "preserved for compatibility", i.e. the numpy 1.16 stream) as RandomState.binomial calls it.
// log and exp are glibc's (see libm/), as numpy's C code gets them; everything else is plain double
// arithmetic in the C code's order (numpy's x86-64 builds do not fuse multiply-adds in this file).

import { glibcExp } from './libm/glibc-exp.ts';
import { glibcLog } from './libm/glibc-log.ts';

/** The source of uniform doubles in [0, 1). */
export interface DoubleSource {
  nextDouble(): number;
}

/**
 * numpy's binomial_t: constants derived from (n, p), recomputed only when (n, p) changes. Inversion and
 * BTPE share it (numpy reuses the fields); the key is the p actually passed, min(p, 1 - p).
 */
export class BinomialCache {
  has = false;
  n = 0;
  p = 0;
  r = 0;
  q = 0;
  fm = 0;
  m = 0;
  p1 = 0;
  xm = 0;
  xl = 0;
  xr = 0;
  c = 0;
  laml = 0;
  lamr = 0;
  p2 = 0;
  p3 = 0;
  p4 = 0;
}

/** One binomial(n, p) draw; n a non-negative integer, p in [0, 1] (validated by the caller). */
export function legacyBinomial(source: DoubleSource, n: number, p: number, cache: BinomialCache): number {
  if (p <= 0.5) {
    return p * n <= 30 ? inversion(source, n, p, cache) : btpe(source, n, p, cache);
  }
  const q = 1 - p;
  return n - (q * n <= 30 ? inversion(source, n, q, cache) : btpe(source, n, q, cache));
}

/** numpy's binomial_t set-up for inversion, done only when (n, p) differs from the cached pair. */
export function setUpInversion(n: number, p: number, cache: BinomialCache): void {
  if (cache.has && cache.n === n && cache.p === p) return;
  cache.has = true;
  cache.n = n;
  cache.p = p;
  cache.q = 1 - p;
  cache.r = glibcExp(n * glibcLog(cache.q)); // (1 - p)^n, the probability of 0
  cache.c = n * p;
  cache.m = Math.trunc(Math.min(n, cache.c + 10 * Math.sqrt(cache.c * cache.q + 1)));
}

/** Inversion: walk the CDF from 0; start over if it runs past a bound (numpy's redraw branch). */
function inversion(source: DoubleSource, n: number, p: number, cache: BinomialCache): number {
  setUpInversion(n, p, cache);
  const q = cache.q;
  const qn = cache.r;
  const bound = cache.m;
  let x = 0;
  let px = qn;
  let u = source.nextDouble();
  while (u > px) {
    x++;
    if (x > bound) {
      x = 0;
      px = qn;
      u = source.nextDouble();
    } else {
      u -= px;
      px = ((n - x + 1) * p * px) / (x * q);
    }
  }
  return x;
}

function setUpBtpe(n: number, p: number, cache: BinomialCache): void {
  cache.has = true;
  cache.n = n;
  cache.p = p;
  const r = Math.min(p, 1 - p);
  const q = 1 - r;
  const fm = n * r + r;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  Object.assign(cache, { r, q, fm, m, p1, xm, xl, xr, c, laml, lamr, p2, p3, p4: p3 + c / lamr });
}

/**
 * Kachitvichyanukul & Schmeiser's BTPE (1988), with numpy's legacy quirk: the last two Stirling error
 * terms are added where the paper subtracts them. The labels are the C code's goto targets.
 */
function btpe(source: DoubleSource, n: number, p: number, cache: BinomialCache): number {
  if (!cache.has || cache.n !== n || cache.p !== p) setUpBtpe(n, p, cache);
  const { r, q, m, p1, xm, xl, xr, c, laml, lamr, p2, p3, p4 } = cache;
  const nrq = n * r * q;
  for (;;) {
    // Step10
    const u = source.nextDouble() * p4;
    let v = source.nextDouble();
    let y: number;
    if (u <= p1) {
      y = Math.floor(xm - p1 * v + u);
      return p > 0.5 ? n - y : y; // Step60
    }
    if (u <= p2) {
      // Step20: parallelogram
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      // Step30: left exponential tail (v == 0 would make log(v) infinite)
      y = Math.floor(xl + glibcLog(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      // Step40: right exponential tail
      y = Math.floor(xr - glibcLog(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }
    if (accept(n, r, q, m, xm, nrq, y, v)) return p > 0.5 ? n - y : y; // Step60
  }
}

/** Step50 and Step52: accept y with test value v? */
function accept(
  n: number,
  r: number,
  q: number,
  m: number,
  xm: number,
  nrq: number,
  y: number,
  v: number,
): boolean {
  const k = Math.abs(y - m);
  if (!(k > 20 && k < nrq / 2 - 1)) {
    // Step50: explicit ratio f(y) / f(m)
    const s = r / q;
    const a = s * (n + 1);
    let f = 1;
    if (m < y) {
      for (let i = m + 1; i <= y; i++) f *= a / i - s;
    } else if (m > y) {
      for (let i = y + 1; i <= m; i++) f /= a / i - s;
    }
    return !(v > f);
  }
  // Step52: squeeze, then the Stirling-corrected bound
  const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
  const t = (-k * k) / (2 * nrq);
  const logV = glibcLog(v);
  if (logV < t - rho) return true;
  if (logV > t + rho) return false;
  const x1 = y + 1;
  const f1 = m + 1;
  const z = n + 1 - m;
  const w = n - y + 1;
  const x2 = x1 * x1;
  const f2 = f1 * f1;
  const z2 = z * z;
  const w2 = w * w;
  const bound =
    xm * glibcLog(f1 / x1) +
    (n - m + 0.5) * glibcLog(z / w) +
    (y - m) * glibcLog((w * r) / (x1 * q)) +
    (13680 - (462 - (132 - (99 - 140 / f2) / f2) / f2) / f2) / f1 / 166320 +
    (13680 - (462 - (132 - (99 - 140 / z2) / z2) / z2) / z2) / z / 166320 +
    (13680 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x1 / 166320 +
    (13680 - (462 - (132 - (99 - 140 / w2) / w2) / w2) / w2) / w / 166320;
  return !(logV > bound);
}
