// Where a W1 epoch's time goes: the book's spiral network trained as Model.train trains it (the same
// LayerStack, loss head and optimizer calls, in trainStep's order, src/model/objective.ts), with a
// clock read between the phases. Prints each phase's time per epoch and share, and the final
// accuracy, which must be the bench's (0.662 after 1000 epochs: the same training).
// Run: npm run bench:profile -- [--epochs 1000] [--threads 1|2] [--kernels wasm|typescript] (with V8's
// optimizing WebAssembly compiler from the start, as the bench's workloads run)

import { LayerStack } from '../src/model/layer-stack.ts';
import { chooseLossHead } from '../src/model/loss-head.ts';
import { reluDropoutBackward, reluDropoutForward } from '../src/model/relu-dropout-step.ts';
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  Dropout,
  type Matrix,
  RandomState,
  ReLU,
  Softmax,
  spiralData,
} from '../src/node.ts';
import { numArg } from './workloads/common.ts';
import { chooseKernels, chooseThreads } from './workloads/kernel-choice.ts';

const kernels = chooseKernels();
const threads = await chooseThreads();
const epochs = numArg('epochs', 1000);

const rng = new RandomState(0);
const { X, y } = spiralData(1000, 3, rng);
const dense1 = new Dense(2, 64, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 });
const relu = new ReLU();
const dropout = new Dropout(0.1, { rng });
const dense2 = new Dense(64, 3, { rng });
const softmax = new Softmax();
const stack = new LayerStack([dense1, relu, dropout, dense2, softmax]);
const loss = new CategoricalCrossentropy();
const accuracy = new CategoricalAccuracy();
const optimizer = new Adam({ learningRate: 0.05, decay: 5e-5 });
const head = chooseLossHead(stack.layers, loss);

const PHASES = [
  'dense1 forward (X·W1 + b1)',
  'dropout mask (draw, or take the one drawn ahead)',
  'ReLU + Dropout forward pass',
  'dense2 forward (H·W2 + b2)',
  'softmax forward',
  'data loss (cross-entropy)',
  'regularization loss',
  'accuracy',
  'softmax + cross-entropy backward',
  'dense2 backward (Hᵀ·dZ, column sums, dZ·W2ᵀ)',
  'ReLU + Dropout backward pass',
  'dense1 backward (Xᵀ·dH, column sums)',
  'Adam update (both layers)',
] as const;
const spent = new Float64Array(PHASES.length);
let clock = 0;
/** Charges the time since the last call to `phase`. */
function lap(phase: number): void {
  const now = performance.now();
  spent[phase] += now - clock;
  clock = now;
}

// The mask is drawn inside the fused forward (Dropout.beginForward): time it on its own.
const beginForward = dropout.beginForward.bind(dropout);
dropout.beginForward = (inputs: Matrix, training: boolean): Matrix => {
  lap(2);
  const out = beginForward(inputs, training);
  lap(1);
  return out;
};

let acc = 0;
function epoch(): void {
  clock = performance.now();
  const h = dense1.forward(X, true);
  lap(0);
  const dropped = reluDropoutForward(relu, dropout, h, true);
  lap(2);
  const z = dense2.forward(dropped, true);
  lap(3);
  const output = softmax.forward(z, true);
  lap(4);
  if (!Number.isFinite(loss.calculate(output, y))) throw new Error('the loss diverged');
  lap(5);
  stack.regularizationLoss();
  lap(6);
  acc = accuracy.calculate(output, y);
  lap(7);
  const dZ = head.backward(output, y);
  lap(8);
  const dH = dense2.backward(dZ);
  lap(9);
  const dReLU = reluDropoutBackward(relu, dropout, dH);
  lap(10);
  dense1.backwardParameters(dReLU);
  lap(11);
  optimizer.preUpdateParams();
  optimizer.updateParams(dense1);
  optimizer.updateParams(dense2);
  optimizer.postUpdateParams();
  lap(12);
}

if (head.backwardFrom !== 3) throw new Error('expected the fused softmax + cross-entropy head');
const t0 = performance.now();
for (let e = 0; e < epochs; e++) epoch();
const total = performance.now() - t0;

const us = (ms: number) => ((ms * 1000) / epochs).toFixed(1).padStart(8);
console.log(
  `W1 (spiral 3000x2, Dense 64, ReLU, Dropout 0.1, Dense 3, softmax + cross-entropy, Adam): ` +
    `${epochs} epochs, ${kernels} kernels, ${threads} thread${threads > 1 ? 's' : ''}`,
);
console.log(`${'phase'.padEnd(50)}  µs/epoch   share`);
for (let i = 0; i < PHASES.length; i++) {
  console.log(
    `${PHASES[i].padEnd(50)}  ${us(spent[i])}  ${((100 * spent[i]) / total).toFixed(1).padStart(5)}%`,
  );
}
const timed = spent.reduce((a, b) => a + b, 0);
console.log(`${'between phases (loop, clock reads)'.padEnd(50)}  ${us(total - timed)}`);
console.log(`${'epoch'.padEnd(50)}  ${us(total)}`);
console.log(`final training accuracy ${acc.toFixed(3)} (the bench's scratchnet W1 row: the same training)`);
process.exit(0);
