import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { withCode } from '../../test/assertions.ts';
import { estimateMemory, parseMemory, type RunShape, requireCheckWork, requireMemory } from './run-budget.ts';

const adam = { optimizer: 'adam', momentum: 0, batchSize: null } as const;
const book: RunShape = { inputs: 2, hidden: [64], outputs: 3, rows: 3000, validationRows: 300 };

test("the book's network: 387 parameters, each with a gradient and Adam's two moments", () => {
  const estimate = estimateMemory(book, adam);
  assert.equal(estimate.parameters, 2 * 64 + 64 + 64 * 3 + 3);
  // 387 x 4 bytes x (value, gradient, 2 moments) + the float64 draws of the largest layer (64 x 3)
  assert.equal(estimate.parameterBytes, 387 * 4 * 4 + 64 * 3 * 8);
  // SGD without momentum keeps no state
  assert.equal(estimateMemory(book, { ...adam, optimizer: 'sgd' }).parameterBytes, 387 * 4 * 2 + 64 * 3 * 8);
  // a batch of 128 rows needs fewer step buffers than the full 3000
  assert.ok(estimateMemory(book, { ...adam, batchSize: 128 }).activationBytes < estimate.activationBytes);
});

test('a network above the limit is refused with its size and a --max-memory that would fit it', () => {
  const huge: RunShape = { ...book, hidden: [100_000_000] };
  const estimate = estimateMemory(huge, adam);
  assert.throws(
    () => requireMemory(estimate, huge, { limit: 8e9 }),
    withCode(
      'OUT_OF_MEMORY',
      'this network needs about 16.8 TB of memory, more than the 8.0 GB allowed: 600,000,003 parameters',
    ),
  );
  assert.doesNotThrow(() => requireMemory(estimate, huge, { limit: estimate.total }));
  assert.throws(
    () => requireMemory(estimateMemory(book, adam), book, { limit: 1000, share: 4 }),
    (error: unknown) => /--max-memory 1GB/.test((error as { hint: string }).hint),
  );
});

test('parseMemory reads bytes with decimal and binary units', () => {
  assert.equal(parseMemory('16GB'), 16e9);
  assert.equal(parseMemory('512MiB'), 512 * 2 ** 20);
  assert.equal(parseMemory('1.5tb'), 1.5e12);
  assert.equal(parseMemory('2e9'), 2e9);
  for (const text of ['0', '-1GB', 'lots', '16 GBs', ''])
    assert.throws(() => parseMemory(text), InvalidArgumentError, text);
});

test('a gradient check is refused by its work: two passes per parameter and input over every row', () => {
  const check = (hidden: number) => ({
    inputs: 2,
    hidden: [hidden],
    outputs: 3,
    rows: 300,
    validationRows: 0,
  });
  // Dense 512: 2 x (3075 parameters + 600 inputs) x 300 rows x 2560 multiply-adds = 5.6e9
  assert.doesNotThrow(() => requireCheckWork(check(512)));
  // Dense 1024: 2 x (6147 + 600) x 300 x 5120 = 2.1e10
  assert.throws(
    () => requireCheckWork(check(1024)),
    withCode('INVALID_OPTION', 'about 2.1e+10 multiply-adds'),
  );
});
