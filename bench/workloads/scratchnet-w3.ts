// W3, scratchnet: matmul / matmulTransA / matmulTransB on float32 matrices, GFLOP/s per shape.
// Run: npx tsx bench/workloads/scratchnet-w3.ts --min-ms 300 [--kernels wasm|typescript|reference]
// [--clock cpu] (process CPU time instead of wall time, for a loaded machine)
import { Matrix, RandomState } from '../../src/index.ts';
import { matmul, matmulTransA, matmulTransB } from '../../src/tensor/ops.ts';
import { arg, emit, numArg } from './common.ts';
import { chooseKernels } from './kernel-choice.ts';
import { cpuClock, gflops, operandShapes, W3_CASES } from './w3-cases.ts';

const kernels = chooseKernels();
const minMs = numArg('min-ms', 300);
const warmReps = numArg('warm-reps', 2);
const clock = arg('clock', 'wall') === 'cpu' ? cpuClock : undefined;
const rng = new RandomState(0);
const results: Record<string, number> = {};
for (const c of W3_CASES) {
  const { a: as, b: bs } = operandShapes(c);
  const a = Matrix.zeros(as[0], as[1]);
  const b = Matrix.zeros(bs[0], bs[1]);
  rng.fillRandn(a.data);
  rng.fillRandn(b.data);
  const out = Matrix.zeros(c.m, c.n);
  const kernel = c.op === 'nn' ? matmul : c.op === 'tn' ? matmulTransA : matmulTransB;
  results[c.name] = gflops(c, minMs, warmReps, () => kernel(out, a, b), clock);
}
emit({ system: 'scratchnet', workload: 'W3', kernels, clock: clock ? 'cpu' : 'wall', gflops: results });
