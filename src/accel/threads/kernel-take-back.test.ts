// Parts a helper thread has not started are taken back by the calling thread (kernel-helper.ts), and
// a helper late again and again rests (helper-pace.ts): whoever runs a part, the bits are those of
// one thread. Helpers are "held" here (they claim nothing), which is what a helper the scheduler
// never lets run looks like to the caller, without depending on the machine's load.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { spiralData } from '../../data/spiral.ts';
import { ReLU, Softmax } from '../../layers/activations.ts';
import { Dense } from '../../layers/dense.ts';
import { Dropout } from '../../layers/dropout.ts';
import { CategoricalCrossentropy } from '../../losses/categorical-crossentropy.ts';
import { CategoricalAccuracy } from '../../metrics/accuracy.ts';
import { Model } from '../../model/model.ts';
import { Adam } from '../../optimizers/adam.ts';
import { RandomState } from '../../tensor/random.ts';
import {
  residentFloat32Array,
  residentFloat64Array,
  residentInt32Array,
  wasmArena,
} from '../arena/wasm-arena.ts';
import { drawnAhead } from '../binomial/binomial-ahead.ts';
import { reluDropoutForwardWasm } from '../elementwise/relu-dropout-wasm.ts';
import { installAcceleration } from '../install.ts';
import { installNodeThreads } from '../install-node.ts';
import { helperCounts, PACE } from './helper-pace.ts';
import { KernelHelper, loadLocalJobs } from './kernel-helper.ts';
import { Job } from './kernel-jobs.ts';
import { kernelHelpers, setKernelThreads } from './kernel-team.ts';

installAcceleration();
installNodeThreads();

after(async () => {
  await setKernelThreads(1);
});

const bitsOf = (a: Float32Array | Float64Array): string =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

test('a part no thread has started is taken back and run by the caller, with the same result', () => {
  const arena = wasmArena();
  assert.ok(arena?.shared);
  loadLocalJobs(arena.memory);
  // a helper with no thread behind it: nothing ever claims its parts
  const helper = new KernelHelper();
  const n = 1000;
  const x = residentFloat32Array(n);
  const mask = residentInt32Array(n);
  const a = residentFloat32Array(n);
  const o = residentFloat64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i % 3 === 0 ? -i : i / 7;
    mask[i] = i % 5 === 0 ? 0 : 1;
  }
  const takenBack = helperCounts.takenBack;
  const addr = (a: ArrayBufferView): number => arena.addressOf(a);
  helper.post(Job.reluDropoutForward, addr(x), addr(mask), addr(a), addr(o), n, 1.25);
  assert.equal(helper.idle(), false);
  helper.wait();
  assert.equal(helper.idle(), true);
  assert.equal(helperCounts.takenBack - takenBack, 1);
  // ReLU then the mask, scaled in double: the formula, not the kernel, is the oracle
  for (let i = 0; i < n; i++) assert.equal(o[i], mask[i] === 0 ? 0 : Math.max(0, x[i]) * 1.25, `o[${i}]`);
  // a part taken back unrun never runs
  o.fill(7);
  helper.post(Job.reluDropoutForward, addr(x), addr(mask), addr(a), addr(o), n, 1.25);
  assert.equal(helper.takeBack(), true);
  assert.equal(helper.idle(), true);
  helper.wait();
  assert.ok(o.every((v) => v === 7));
  helper.stop();
});

test('a part that fails when taken back reports it instead of hanging', () => {
  const arena = wasmArena();
  assert.ok(arena !== null);
  loadLocalJobs(arena.memory);
  const helper = new KernelHelper();
  // an address past the end of the memory: the kernel traps, here on the calling thread
  helper.post(Job.reluDropoutForward, 2 ** 31, 2 ** 31, 2 ** 31, 2 ** 31, 64, 1);
  assert.throws(() => helper.wait(), /a kernel failed on a helper thread's part, taken back/);
  helper.stop();
});

function trainSpiral(epochs: number): string {
  const rng = new RandomState(0);
  const { X, y } = spiralData(1000, 3, rng);
  const model = new Model({ rng });
  model.add(new Dense(2, 64, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
  model.add(new ReLU());
  model.add(new Dropout(0.1, { rng }));
  model.add(new Dense(64, 3, { rng }));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: 0.05, decay: 5e-5 }),
    accuracy: new CategoricalAccuracy(),
  });
  model.finalize();
  const history = model.train(X, y, { epochs, printEvery: epochs });
  const layers = model.layers.filter((l): l is Dense => l instanceof Dense);
  return [
    ...layers.flatMap((l) => [bitsOf(l.weights.data), bitsOf(l.biases.data)]),
    JSON.stringify(history.loss),
  ].join('|');
}

test("held helpers: their parts are taken back, and the spiral network trains to one thread's bits", async () => {
  await setKernelThreads(1);
  const one = trainSpiral(30);
  assert.equal(await setKernelThreads(3), 3);
  const held = kernelHelpers();
  assert.equal(held.length, 2);
  for (const h of held) h.hold(true);
  const takenBack = helperCounts.takenBack;
  try {
    assert.equal(trainSpiral(30), one);
  } finally {
    for (const h of held) h.hold(false);
  }
  // each helper is late that many times before its first rest
  assert.ok(helperCounts.takenBack - takenBack >= 2 * PACE.latenessToRest);
  // and with the helpers free again, whichever parts they claim, the same bits
  assert.equal(trainSpiral(30), one);
  await setKernelThreads(1);
});

test('a helper late again and again rests (the caller works alone), and is back at work after its rest', async () => {
  assert.equal(await setKernelThreads(2), 2);
  const [helper] = kernelHelpers();
  helper.hold(true);
  const n = 20000;
  const x = new Float32Array(n).fill(1.5);
  const mask = new Int32Array(n).fill(1);
  const a = new Float32Array(n);
  const o = new Float64Array(n);
  const rests = helperCounts.rests;
  for (let i = 0; i < PACE.latenessToRest; i++) {
    assert.equal(kernelHelpers().length, 1, `split ${i}`);
    o.fill(0);
    assert.ok(reluDropoutForwardWasm(x, mask, a, o, 2));
    assert.ok(o.every((v) => v === 3));
  }
  assert.equal(helperCounts.rests - rests, 1);
  assert.equal(kernelHelpers().length, 0);
  helper.hold(false);
  // the rest is a lower bound: waiting longer never fails
  await new Promise((resolve) => setTimeout(resolve, PACE.firstRestMs + 20));
  assert.deepEqual(kernelHelpers(), [helper]);
  await setKernelThreads(1);
});

function drawMasks(rng: RandomState, count: number): string {
  // one buffer reused, as Dropout does (the mask drawn ahead lives in the speed wing's own buffer)
  const mask = residentInt32Array(100_000);
  const drawn: string[] = [];
  for (let i = 0; i < count; i++) {
    rng.fillBinomial(1, 0.9, mask);
    drawn.push(Buffer.from(mask.buffer, mask.byteOffset, 400_000).toString('base64'));
  }
  return `${drawn.join('|')}|${rng.random()}`;
}

test('a mask a held helper was to draw ahead is taken back and drawn by the caller: the same masks', async () => {
  await setKernelThreads(1);
  const one = drawMasks(new RandomState(5), 6);
  assert.equal(await setKernelThreads(2), 2);
  const [helper] = kernelHelpers();
  helper.hold(true);
  const takenBack = drawnAhead.takenBack;
  const taken = drawnAhead.taken;
  try {
    assert.equal(drawMasks(new RandomState(5), 6), one);
  } finally {
    helper.hold(false);
  }
  // the third draw is the first one asked of the helper
  assert.ok(drawnAhead.takenBack - takenBack >= 1);
  assert.equal(drawnAhead.taken - taken, 0);
  await setKernelThreads(1);
});
