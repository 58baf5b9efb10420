// Compares scratchnet with a live numpy run of the book's chapter-14/15 loop on 44 configurations no
// test holds (classes 2-12, hidden layers of 1, 2, 3 and 512 neurons, every optimizer, dropout, every
// penalty; see test/fixtures/reference/variant_sweep.py), every epoch printed, and of the chapter-19
// Model on 44 more (batch sizes that do not divide the data, every step printed). Needs python3 with numpy.
//
//   npm run build && npm run numpy-sweep [-- --epochs 200] [-- --keep DIR]
//
// Prints one line per case and exits non-zero when any differs. The cheapest of these cases are kept
// as fixtures in test/fixtures/reference/variants/ (tested by test/book-parity-variants.test.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  describeModelCase,
  firstModelDifference,
  type ModelFixture,
  runModelCase,
} from '../test/model-variant-runner.ts';
import { firstDifference, runVariant, type Variant } from '../test/variant-runner.ts';

const { values } = parseArgs({
  options: { epochs: { type: 'string', default: '200' }, keep: { type: 'string' } },
});
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'numpy-sweep-'));
const script = join(import.meta.dirname, '../test/fixtures/reference/variant_sweep.py');
console.log(`numpy: writing the reference runs (${values.epochs} epochs each) to ${dir}`);
const python = spawnSync('python3', [script, dir, values.epochs], { stdio: ['ignore', 'ignore', 'inherit'] });
if (python.status !== 0) {
  console.error('error: the numpy script failed (python3 with numpy is needed)');
  process.exit(1);
}
let different = 0;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'model-sweep.json')
  .sort();
for (const file of files) {
  const v: Variant = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const difference = firstDifference(v, runVariant(v));
  if (difference !== null) different++;
  console.log(
    `${difference === null ? 'same' : 'DIFFERENT'}  ${v.case}${difference === null ? '' : `: ${difference}`}`,
  );
}
const model: ModelFixture = JSON.parse(readFileSync(join(dir, 'model-sweep.json'), 'utf8'));
for (const c of model.cases) {
  const difference = firstModelDifference(c, runModelCase(model, c));
  if (difference !== null) different++;
  const what = `Model, ${describeModelCase(c)}`;
  console.log(
    `${difference === null ? 'same' : 'DIFFERENT'}  ${what}${difference === null ? '' : `: ${difference}`}`,
  );
}
const total = files.length + model.cases.length;
console.log(`${total - different} of ${total} cases identical (every line and number)`);
if (values.keep === undefined) rmSync(dir, { recursive: true });
process.exit(different === 0 ? 0 : 1);
