// The book's training loop on configurations where numpy's order of additions shows (fixtures from
// test/fixtures/reference/spiral_variants.py): 8 and 10 classes (softmax rows of 8 or more are summed
// pairwise), a hidden layer of one neuron (its (N, 1) bias gradient is one pairwise run, float32
// without dropout and float64 with it), every penalty on both layers (the printed reg_loss and loss
// are float32 sums). scratchnet's Model, as the command line builds it, must give every recorded
// number bit for bit and every printed line character for character. Each of these failed before
// scratchnet summed in numpy's order: the data loss of epoch 0 was already 1 ulp off for 8 classes.
// The sweep-* cases (test/fixtures/reference/variant_sweep.py) are the five cheapest of the 44 that
// `npm run numpy-sweep` compares whole: 12 classes, a layer of 512, every optimizer, dropout 0.35.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readJson, reference } from './book-parity.ts';
import { firstDifference, runVariant, type Variant } from './variant-runner.ts';

const variants: Variant[] = readdirSync(join(reference, 'variants'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => readJson(join('variants', f)));

describe('the book’s loop on more classes, one hidden neuron, every penalty: numpy’s numbers', () => {
  assert.ok(variants.length >= 6, 'the variant fixtures are present');
  for (const v of variants) {
    test(`${v.case}: every recorded epoch bit for bit, every line identical (${v.config.epochs} epochs)`, () => {
      assert.equal(firstDifference(v, runVariant(v)), null);
    });
  }
});
