import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MT_STATE_LENGTH, MT19937 } from './mt19937.ts';

// Oracles independent of numpy: the published outputs of the reference implementation.

test('init_genrand(5489): the 10000th output is 4123659995 (C++ std::mt19937 requirement)', () => {
  const mt = new MT19937();
  mt.seedInteger(5489);
  const first = [mt.nextUint32(), mt.nextUint32(), mt.nextUint32()];
  assert.deepEqual(first, [3499211612, 581869302, 3890346734]);
  let last = 0;
  for (let i = 3; i < 10000; i++) last = mt.nextUint32();
  assert.equal(last, 4123659995);
});

test('init_by_array({0x123, 0x234, 0x345, 0x456}): first outputs of mt19937ar.out', () => {
  const mt = new MT19937();
  mt.seedArray([0x123, 0x234, 0x345, 0x456]);
  const got = Array.from({ length: 5 }, () => mt.nextUint32());
  assert.deepEqual(got, [1067595299, 955945823, 477289528, 4107218783, 4228976476]);
});

test('a double uses two words: 53 bits, in [0, 1)', () => {
  const mt = new MT19937();
  mt.seedInteger(0);
  const a = mt.nextUint32();
  const b = mt.nextUint32();
  mt.seedInteger(0);
  assert.equal(mt.nextDouble(), ((a >>> 5) * 2 ** 26 + (b >>> 6)) / 2 ** 53);
  assert.equal(mt.pos, 2);
});

test('seeding leaves pos at 624, so the first draw regenerates the state', () => {
  const mt = new MT19937();
  mt.seedInteger(1);
  assert.equal(mt.pos, MT_STATE_LENGTH);
  assert.equal(mt.key[0], 1);
  mt.nextUint32();
  assert.equal(mt.pos, 1);
});
