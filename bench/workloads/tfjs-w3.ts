// W3, TF.js: tf.matMul (transposeA / transposeB) with the result read back, GFLOP/s per shape.
// Run: npx tsx bench/workloads/tfjs-w3.ts --backend wasm --min-ms 300
import { arg, emit, loadTf, numArg } from './common.ts';
import { gflops, operandShapes, W3_CASES } from './w3-cases.ts';

const backend = arg('backend', 'cpu');
const minMs = numArg('min-ms', 300);
const warmReps = numArg('warm-reps', 2);
const tf = await loadTf(backend);
const results: Record<string, number> = {};
for (const c of W3_CASES) {
  const { a: as, b: bs } = operandShapes(c);
  const a = tf.randomNormal(as, 0, 1, 'float32', 0);
  const b = tf.randomNormal(bs, 0, 1, 'float32', 1);
  results[c.name] = gflops(c, minMs, warmReps, () => {
    const out = tf.matMul(a, b, c.op === 'tn', c.op === 'nt');
    out.dataSync();
    out.dispose();
  });
  a.dispose();
  b.dispose();
}
emit({ system: `tfjs-${backend}`, workload: 'W3', gflops: results });
