// W3's matrix products: out[m,n] = op(a)·op(b) with 2·m·k·n flops.
// nn: a[m,k]·b[k,n] (forward); tn: a[k,m]ᵀ·b[k,n] (weight gradient); nt: a[m,k]·b[n,k]ᵀ (input gradient).
export type Op = 'nn' | 'tn' | 'nt';

export interface Case {
  name: string;
  op: Op;
  m: number;
  k: number;
  n: number;
}

export const W3_CASES: Case[] = [
  { name: 'W1 X·W1 3000x2·2x64', op: 'nn', m: 3000, k: 2, n: 64 },
  { name: 'W1 H·W2 3000x64·64x3', op: 'nn', m: 3000, k: 64, n: 3 },
  { name: 'W1 Xᵀ·dH 2x3000·3000x64', op: 'tn', m: 2, k: 3000, n: 64 },
  { name: 'W1 Hᵀ·dZ 64x3000·3000x3', op: 'tn', m: 64, k: 3000, n: 3 },
  { name: 'W1 dZ·W2ᵀ 3000x3·3x64', op: 'nt', m: 3000, k: 3, n: 64 },
  { name: 'W2 X·W1 128x784·784x128', op: 'nn', m: 128, k: 784, n: 128 },
  { name: 'W2 H·W2 128x128·128x128', op: 'nn', m: 128, k: 128, n: 128 },
  { name: 'W2 Xᵀ·dH 784x128·128x128', op: 'tn', m: 784, k: 128, n: 128 },
  { name: 'W2 dH·W1ᵀ 128x128·128x784', op: 'nt', m: 128, k: 128, n: 784 },
  { name: 'W2 dZ·W3ᵀ 128x10·10x128', op: 'nt', m: 128, k: 10, n: 128 },
  { name: '512 a·b', op: 'nn', m: 512, k: 512, n: 512 },
  { name: '512 aᵀ·b', op: 'tn', m: 512, k: 512, n: 512 },
  { name: '512 a·bᵀ', op: 'nt', m: 512, k: 512, n: 512 },
];

/** Operand shapes [rows, cols] of a and b for a case. */
export function operandShapes(c: Case): { a: [number, number]; b: [number, number] } {
  if (c.op === 'tn') return { a: [c.k, c.m], b: [c.k, c.n] };
  if (c.op === 'nt') return { a: [c.m, c.k], b: [c.n, c.k] };
  return { a: [c.m, c.k], b: [c.k, c.n] };
}

/** Process CPU time in ms (user + system): steadier than wall time on a shared, loaded machine. */
export const cpuClock = (): number => {
  const t = process.cpuUsage();
  return (t.user + t.system) / 1000;
};

/** Runs fn warmReps times untimed, then repeatedly for at least minMs (of `clock`); returns GFLOP/s. */
export function gflops(
  c: Case,
  minMs: number,
  warmReps: number,
  fn: () => void,
  clock: () => number = () => performance.now(),
): number {
  for (let i = 0; i < warmReps; i++) fn();
  let reps = 0;
  const t0 = clock();
  let elapsed = 0;
  do {
    fn();
    reps++;
    elapsed = clock() - t0;
  } while (elapsed < minMs);
  return (2 * c.m * c.k * c.n * reps) / (elapsed / 1000) / 1e9;
}
