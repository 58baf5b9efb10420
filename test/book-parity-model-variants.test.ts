// The book's Model with batches where chapter 19's script shows less (fixtures from
// test/fixtures/reference/model_variants.py): every penalty on both layers (the `training,` line takes
// the penalty after the epoch's last update), dropout drawn per batch, batches of 37 and 64 that do not
// divide the data, 3 and 10 classes, and no batch size (one step of every row). scratchnet's Model with
// a BookModelReporter must print the same lines and report every number bit for bit. `npm run
// numpy-sweep` compares 44 more such runs (classes 2-12, batches of 7, 37, 128 and none, every optimizer).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readJson } from './book-parity.ts';
import {
  describeModelCase,
  firstModelDifference,
  type ModelFixture,
  runModelCase,
} from './model-variant-runner.ts';

const fixture: ModelFixture = readJson('model-variants.json');

for (const c of fixture.cases) {
  test(`the book’s Model, ${describeModelCase(c)}: every line and number as numpy`, () => {
    assert.equal(firstModelDifference(c, runModelCase(fixture, c)), null);
  });
}
