// W3, scratchnet: matmul / matmulTransA / matmulTransB on float32 matrices, GFLOP/s per shape.
// Run: npx tsx bench/workloads/scratchnet-w3.ts --min-ms 300 [--kernels wasm|typescript|reference]
// [--precision exact|float32] [--clock cpu] (process CPU time instead of wall time, for a loaded machine)
import { Matrix, RandomState } from '../../src/node.ts';
import { matmul, matmulTransA, matmulTransB } from '../../src/tensor/ops.ts';
import { arg, emit, numArg } from './common.ts';
import { chooseKernels, choosePrecision } from './kernel-choice.ts';
import { cpuClock, gflops, operandShapes, W3_CASES } from './w3-cases.ts';

const kernels = chooseKernels();
const precision = choosePrecision();
const minMs = numArg('min-ms', 300);
const warmReps = numArg('warm-reps', 2);
const clock = arg('clock', 'wall') === 'cpu' ? cpuClock : undefined;
const rng = new RandomState(0);
const results: Record<string, number> = {};
for (const c of W3_CASES) {
  const { a: as, b: bs } = operandShapes(c);
  // resident in the kernels' memory, as a layer's weights, outputs and gradients are in training
  const a = Matrix.resident(as[0], as[1]);
  const b = Matrix.resident(bs[0], bs[1]);
  rng.fillRandn(a.data);
  rng.fillRandn(b.data);
  const out = Matrix.resident(c.m, c.n);
  const kernel = c.op === 'nn' ? matmul : c.op === 'tn' ? matmulTransA : matmulTransB;
  results[c.name] = gflops(c, minMs, warmReps, () => kernel(out, a, b), clock);
}
emit({
  system: precision === 'exact' ? 'scratchnet' : `scratchnet ${precision}`,
  workload: 'W3',
  kernels,
  precision,
  clock: clock ? 'cpu' : 'wall',
  gflops: results,
});
