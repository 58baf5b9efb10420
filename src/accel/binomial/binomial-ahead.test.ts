// Dropout masks drawn ahead on a helper thread (binomial-ahead.ts): whatever happens between two
// draws, every mask and every later draw is the one a single thread gives; and the helper's mask is
// actually taken when nothing happened in between.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { RandomState } from '../../tensor/random.ts';
import { residentInt32Array } from '../arena/wasm-arena.ts';
import { installAcceleration } from '../install.ts';
import { installNodeThreads } from '../install-node.ts';
import { setAdaptivePacing } from '../threads/helper-pace.ts';
import { setKernelThreads } from '../threads/kernel-team.ts';
import { drawnAhead } from './binomial-ahead.ts';

installAcceleration();
installNodeThreads();

// the counts below need the helper to draw every mask it is given, however late (a loaded machine
// would otherwise make some draws ahead taken back: still the same masks, other counts)
before(() => setAdaptivePacing(false));

after(async () => {
  setAdaptivePacing(true);
  await setKernelThreads(1);
});

type Step =
  | { kind: 'mask'; p: number; length: number; generator: 0 | 1 }
  | { kind: 'random'; count: number }
  | { kind: 'seed'; seed: number }
  | { kind: 'setState' }
  | { kind: 'threads'; count: 1 | 2 };

/** One mask buffer per length, reused as Dropout reuses it. */
class MaskPairs {
  private readonly masks = new Map<number, Int32Array>();

  draw(rng: RandomState, p: number, length: number): Int32Array {
    let mask = this.masks.get(length);
    if (mask === undefined) {
      mask = residentInt32Array(length);
      this.masks.set(length, mask);
    }
    rng.fillBinomial(1, p, mask);
    return mask;
  }
}

/**
 * Runs the steps on two generators seeded 0 and 1, on `threads` threads (or as the steps say when
 * `followThreadSteps`), and returns everything drawn, in order, then a few draws of each generator.
 */
async function drawAll(
  steps: readonly Step[],
  threads: 1 | 2,
  followThreadSteps: boolean,
): Promise<number[]> {
  await setKernelThreads(threads);
  const generators = [new RandomState(0), new RandomState(1)];
  const masks = [new MaskPairs(), new MaskPairs()];
  const drawn: number[] = [];
  for (const step of steps) {
    if (step.kind === 'mask') {
      const mask = masks[step.generator].draw(generators[step.generator], step.p, step.length);
      // a digest per mask keeps failures readable: the count of ones and a position-weighted sum
      let ones = 0;
      let weighted = 0;
      for (let i = 0; i < mask.length; i++) {
        ones += mask[i];
        weighted = (weighted * 31 + mask[i] * (i + 1)) % 1_000_000_007;
      }
      drawn.push(ones, weighted);
    } else if (step.kind === 'random') {
      for (let i = 0; i < step.count; i++) drawn.push(generators[0].random());
    } else if (step.kind === 'seed') generators[0].seed(step.seed);
    else if (step.kind === 'setState') generators[0].setState(generators[0].getState());
    else if (followThreadSteps) await setKernelThreads(step.count);
  }
  for (const rng of generators) drawn.push(rng.random(), rng.random());
  return drawn;
}

const mask = (p: number, length: number, generator: 0 | 1 = 0): Step => ({
  kind: 'mask',
  p,
  length,
  generator,
});

test('masks drawn ahead on a helper are the masks of one thread, and are taken', async () => {
  const steps = Array.from({ length: 8 }, () => mask(0.9, 192_000));
  const one = await drawAll(steps, 1, false);
  const taken = drawnAhead.taken;
  const two = await drawAll(steps, 2, false);
  assert.deepEqual(two, one);
  // the first two draws are on the main thread (a request must repeat first), the other six ahead
  assert.equal(drawnAhead.taken - taken, 6);
});

test('anything between two draws makes the mask drawn ahead a miss, never a wrong mask', async () => {
  const twice = [mask(0.9, 5000), mask(0.9, 5000)];
  // what the third draw does with the mask drawn ahead: a miss, dropped unread (its helper was
  // stopped), or taken (the generator was set to the very state it had: the draw depends on nothing else)
  const cases: { steps: Step[]; outcome: 'missed' | 'dropped' | 'taken' }[] = [
    { steps: [...twice, { kind: 'random', count: 1 }, mask(0.9, 5000)], outcome: 'missed' },
    { steps: [...twice, mask(0.8, 5000), mask(0.9, 5000)], outcome: 'missed' },
    { steps: [...twice, mask(0.9, 4999), mask(0.9, 5000)], outcome: 'missed' },
    { steps: [...twice, { kind: 'seed', seed: 0 }, mask(0.9, 5000)], outcome: 'missed' },
    { steps: [...twice, mask(0.9, 5000, 1), mask(0.9, 5000)], outcome: 'missed' },
    {
      steps: [...twice, { kind: 'threads', count: 1 }, mask(0.9, 5000), mask(0.9, 5000)],
      outcome: 'dropped',
    },
    { steps: [...twice, { kind: 'setState' }, mask(0.9, 5000)], outcome: 'taken' },
  ];
  for (const { steps, outcome } of cases) {
    const what = JSON.stringify(steps);
    const one = await drawAll(steps, 1, false);
    const missed = drawnAhead.missed;
    const taken = drawnAhead.taken;
    const two = await drawAll(steps, 2, true);
    assert.deepEqual(two, one, what);
    assert.equal(drawnAhead.missed - missed, outcome === 'missed' ? 1 : 0, what);
    assert.equal(drawnAhead.taken - taken, outcome === 'taken' ? 1 : 0, what);
  }
});

test('property: any sequence of draws, reseeds and thread changes gives the draws of one thread', async () => {
  const step = fc.oneof(
    fc.record({
      kind: fc.constant('mask' as const),
      p: fc.constantFrom(0.5, 0.8, 0.9, 0.25),
      length: fc.constantFrom(4096, 4097, 6000),
      generator: fc.constantFrom(0 as const, 1 as const),
    }),
    fc.record({ kind: fc.constant('random' as const), count: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant('seed' as const), seed: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ kind: fc.constant('setState' as const) }),
    fc.record({ kind: fc.constant('threads' as const), count: fc.constantFrom(1 as const, 2 as const) }),
  );
  // masks repeat more often than not, so that draws ahead are made and taken
  const steps = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(mask(0.9, 6000)) }, step), {
    minLength: 1,
    maxLength: 14,
  });
  await fc.assert(
    fc.asyncProperty(steps, async (s) => {
      assert.deepEqual(await drawAll(s, 2, true), await drawAll(s, 1, false));
    }),
    { numRuns: 25 },
  );
});

test('two dropout layers of one width on one generator take each draw ahead, with the same masks', async () => {
  const draws = 100;
  const run = async (threads: 1 | 2): Promise<number[]> => {
    await setKernelThreads(threads);
    const rng = new RandomState(3);
    const layers = [new MaskPairs(), new MaskPairs()];
    const sums: number[] = [];
    for (let i = 0; i < draws; i++) {
      const mask = layers[i % 2].draw(rng, 0.8, 5000);
      let weighted = 0;
      for (let j = 0; j < mask.length; j++) weighted = (weighted * 31 + mask[j] * (j + 1)) % 1_000_000_007;
      sums.push(weighted);
    }
    return sums;
  };
  const one = await run(1);
  const { missed, taken } = drawnAhead;
  assert.deepEqual(await run(2), one);
  // the draw ahead is the generator's next mask, whichever layer asks for it: none is wasted
  assert.equal(drawnAhead.missed - missed, 0);
  assert.ok(drawnAhead.taken - taken >= draws - 3, `${drawnAhead.taken - taken} of ${draws} taken`);
});
