// The WebAssembly softmax, cross-entropy, exp and log against the TypeScript ones, bit for bit:
// numpy's float32 exp and log over bit patterns spread across every float32 (and the special
// values), and the softmax and loss layers on rows with ties, huge and tiny logits, and NaN. The
// module works on four elements (or rows) at a time, so the counts below leave every tail length,
// and special values land in every lane.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { Softmax } from '../../layers/activations.ts';
import { CategoricalCrossentropy, clip } from '../../losses/categorical-crossentropy.ts';
import { SoftmaxCategoricalCrossentropy } from '../../losses/softmax-crossentropy.ts';
import { CategoricalAccuracy } from '../../metrics/accuracy.ts';
import { numpyExpFloat32 } from '../../tensor/libm/numpy-float32-exp.ts';
import { numpyLogFloat32 } from '../../tensor/libm/numpy-float32-log.ts';
import { Matrix } from '../../tensor/matrix.ts';
import { RandomState } from '../../tensor/random.ts';
import {
  correctLabelsWasm,
  crossEntropyLabelsWasm,
  mapWasm,
  softmaxCrossEntropyBackwardWasm,
  softmaxRowsWasm,
  useSoftmaxLossWasm,
} from './softmax-loss-wasm.ts';

/** Every 997th float32 bit pattern (4.3 million, all exponents and signs), and the special values. */
function spreadFloats(): Float32Array {
  const bits = new Uint32Array(Math.floor(2 ** 32 / 997) + 16);
  let n = 0;
  for (let b = 0; b < 2 ** 32; b += 997) bits[n++] = b;
  for (const special of [0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 1, 0x80000001, 0x7f7fffff])
    bits[n++] = special;
  return new Float32Array(bits.buffer, 0, n);
}

function assertSameBits(
  actual: Float32Array,
  expected: Float32Array,
  input: Float32Array,
  what: string,
): void {
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      assert.fail(`${what}(${input[i]}): WebAssembly ${actual[i]}, TypeScript ${expected[i]}`);
  }
}

for (const [kind, reference] of [
  ['exp', numpyExpFloat32],
  ['log', numpyLogFloat32],
] as const) {
  test(`numpy's float32 ${kind} in WebAssembly = the TypeScript port, over 4.3 million spread bit patterns`, () => {
    const x = spreadFloats();
    const got = new Float32Array(x.length);
    assert.ok(mapWasm(kind, x, got), 'the module loads in Node');
    const want = Float32Array.from(x, (v) => reference(v));
    assertSameBits(got, want, x, kind);
  });
}

function logits(rows: number, cols: number, seed: number): Matrix {
  const rng = new RandomState(seed);
  const x = Matrix.resident(rows, cols);
  for (let i = 0; i < x.data.length; i++) x.data[i] = rng.gauss() * 2 ** Math.floor(rng.random() * 12 - 4);
  // a tie, a huge logit, a tiny one, a NaN row
  x.data.set([3, 3, 3], 0);
  x.data[cols] = 1e30;
  x.data[2 * cols + 1] = -1e30;
  x.data[3 * cols + 2] = Number.NaN;
  return x;
}

test('Softmax and CategoricalCrossentropy: the WebAssembly loops store the TypeScript bits', () => {
  for (const [rows, cols] of [
    [5, 3],
    [300, 3],
    [64, 10],
    [7, 1],
    [40, 8],
    [21, 12],
    [20, 16],
    [9, 129],
    [5, 300],
  ] as const) {
    const x = logits(rows, cols, rows * cols);
    const labels = Int32Array.from({ length: rows }, (_, i) => (i * 7) % cols);
    const run = (wasm: boolean) => {
      useSoftmaxLossWasm(wasm);
      try {
        const probabilities = Float32Array.from(new Softmax().forward(x).data);
        const losses = Float32Array.from(
          new CategoricalCrossentropy().forward(
            Matrix.fromRows(
              [...Array(rows)].map((_, r) => [...probabilities.subarray(r * cols, (r + 1) * cols)]),
            ),
            labels,
          ),
        );
        return { probabilities, losses };
      } finally {
        useSoftmaxLossWasm(true);
      }
    };
    // the module takes these arrays: otherwise both runs would be the TypeScript loops
    const probe = new Float32Array(x.data.length);
    assert.ok(softmaxRowsWasm(x.data as Float32Array, probe, rows, cols));
    assert.ok(crossEntropyLabelsWasm(probe, labels, new Float32Array(rows), cols, 1e-7, 1 - 1e-7));
    const wasm = run(true);
    const ts = run(false);
    assertSameBits(wasm.probabilities, ts.probabilities, x.data as Float32Array, `softmax ${rows}x${cols}`);
    assertSameBits(wasm.losses, ts.losses, wasm.probabilities, `cross-entropy ${rows}x${cols}`);
  }
});

/** Special float32 values for every lane: NaN, ±Infinity, ±0, subnormals, the extremes, exp's bounds. */
const SPECIALS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0,
  -0,
  1e-45,
  -1e-45,
  1e-40,
  -3e-39,
  3.4028234663852886e38,
  -3.4028234663852886e38,
  88.72283935546875,
  88.7228317260742,
  -103.97208404541016,
  -103.97207641601562,
  -1e4,
  1,
];

/** Logits with specials scattered over rows and columns: each row holds at most two. */
function specialLogits(rows: number, cols: number, seed: number): Float32Array {
  const rng = new RandomState(seed);
  const x = Matrix.resident(rows, cols).data as Float32Array;
  for (let i = 0; i < x.length; i++) x[i] = rng.gauss() * 2 ** Math.floor(rng.random() * 16 - 6);
  // whole rows of specials: zeros of both signs as the max, NaN first and last, infinities
  const fixed = [
    (c: number) => (c % 2 === 0 ? -0 : c === 1 ? 0 : -c),
    (c: number) => (c % 2 === 0 ? 0 : -0),
    (c: number) => (c === 0 ? Number.NaN : c),
    (c: number) => (c === cols - 1 ? Number.NaN : -c),
    () => Number.NEGATIVE_INFINITY,
    (c: number) => (c === cols >> 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY),
    () => 2.5,
    (c: number) => (c === 0 ? 3e38 : -3e38),
  ];
  for (let r = 0; r < Math.min(rows >> 1, fixed.length); r++) {
    for (let c = 0; c < cols; c++) x[(2 * r + 1) * cols + c] = fixed[r](c);
  }
  for (let r = 0; r < rows; r++) {
    if (rng.random() < 0.4) x[r * cols + Math.floor(rng.random() * cols)] = SPECIALS[r % SPECIALS.length];
    if (rng.random() < 0.2)
      x[r * cols + Math.floor(rng.random() * cols)] = SPECIALS[(r * 7) % SPECIALS.length];
  }
  return x;
}

test('softmax in WebAssembly = TypeScript with NaN, ±Infinity, ±0, subnormals and huge logits, for every tail', () => {
  for (const cols of [1, 2, 3, 4, 5, 7, 10]) {
    for (const rows of [1, 2, 3, 5, 6, 7, 9, 701]) {
      const data = specialLogits(rows, cols, rows * 31 + cols);
      const x = Matrix.fromRows([...Array(rows)].map((_, r) => [...data.subarray(r * cols, (r + 1) * cols)]));
      x.data.set(data);
      const got = new Float32Array(rows * cols);
      assert.ok(softmaxRowsWasm(data, got, rows, cols));
      useSoftmaxLossWasm(false);
      try {
        assertSameBits(got, new Softmax().forward(x).data as Float32Array, data, `softmax ${rows}x${cols}`);
      } finally {
        useSoftmaxLossWasm(true);
      }
    }
  }
});

test('cross-entropy in WebAssembly = TypeScript for labels at every column, clip bounds and tails', () => {
  const rng = new RandomState(7);
  const edges = [0, 1, -0, -1, 1e-45, 1e-40, Number.NaN, Number.POSITIVE_INFINITY, 2, 0.5];
  const bounds: readonly (readonly [number, number])[] = [
    [Math.fround(1e-7), Math.fround(1 - 1e-7)],
    [1e-7, 1 - 1e-7],
    [0, Number.POSITIVE_INFINITY], // no clipping: log sees 0, negatives, NaN and Infinity
  ];
  for (const cols of [1, 3, 10]) {
    for (const rows of [1, 2, 3, 4, 5, 7, 1001]) {
      const p = new Float32Array(rows * cols);
      for (let i = 0; i < p.length; i++) p[i] = rng.random() ** 4;
      const labels = Int32Array.from({ length: rows }, (_, r) => (r * 5 + rows) % cols);
      for (let r = 0; r < rows; r += 3) p[r * cols + labels[r]] = edges[(r / 3) % edges.length];
      for (const [low, high] of [...bounds, [p[labels[0]], p[labels[0]]] as const]) {
        p[(rows - 1) * cols + labels[rows - 1]] = Math.fround(low); // exactly on a bound
        const got = new Float32Array(rows);
        assert.ok(crossEntropyLabelsWasm(p, labels, got, cols, low, high));
        const want = Float32Array.from(
          labels,
          (label, r) => -numpyLogFloat32(clip(p[r * cols + label], low, high)),
        );
        assertSameBits(got, want, p, `cross-entropy ${rows}x${cols} clipped to [${low}, ${high}]`);
      }
    }
  }
});

test('exp and log in WebAssembly = TypeScript on every array length up to 9 (the scalar tails)', () => {
  for (const [kind, reference] of [
    ['exp', numpyExpFloat32],
    ['log', numpyLogFloat32],
  ] as const) {
    for (let n = 1; n <= 9; n++) {
      for (let shift = 0; shift < SPECIALS.length; shift++) {
        const x = Float32Array.from({ length: n }, (_, i) => SPECIALS[(i + shift) % SPECIALS.length]);
        const got = new Float32Array(n);
        assert.ok(mapWasm(kind, x, got));
        assertSameBits(
          got,
          Float32Array.from(x, (v) => reference(v)),
          x,
          kind,
        );
      }
    }
  }
});

/** Softmax-like rows with ties, NaN, ±0, subnormals and values near 1 (where p − 1 rounds). */
function predictionRows(rows: number, cols: number, seed: number): Float32Array {
  const rng = new RandomState(seed);
  const specials = [0, -0, 1, 1 - 2 ** -24, 1e-45, 1e-38, Number.NaN, 0.5, 0.5, Number.POSITIVE_INFINITY];
  const p = new Float32Array(rows * cols);
  for (let i = 0; i < p.length; i++)
    p[i] = i % 7 === 3 ? specials[((i / 7) % specials.length) | 0] : rng.random();
  // whole rows of ties, so that the first of equal values must win
  if (rows > 1) p.fill(0.25, cols, 2 * cols);
  return p;
}

/** Runs `f` with the TypeScript loops. */
function typescriptOnly<T>(f: () => T): T {
  useSoftmaxLossWasm(false);
  try {
    return f();
  } finally {
    useSoftmaxLossWasm(true);
  }
}

test('softmax + cross-entropy backward and accuracy of labels in WebAssembly = TypeScript, for every tail', () => {
  for (const cols of [1, 2, 3, 4, 5, 10]) {
    for (const rows of [1, 2, 3, 5, 7, 1001, 3000]) {
      const p = predictionRows(rows, cols, rows * 13 + cols);
      const predictions = Matrix.zeros(rows, cols, 'float32');
      predictions.data.set(p);
      const labels = Int32Array.from({ length: rows }, (_, r) => (r * 7 + cols) % cols);
      const got = new Float32Array(rows * cols);
      assert.equal(softmaxCrossEntropyBackwardWasm(p, labels, got, rows, cols), 'done');
      const want = typescriptOnly(() => new SoftmaxCategoricalCrossentropy().backward(predictions, labels));
      assertSameBits(got, want.data as Float32Array, p, `softmax + cross-entropy backward ${rows}x${cols}`);
      // the layer takes the kernel's result
      assertSameBits(
        new SoftmaxCategoricalCrossentropy().backward(predictions, labels).data as Float32Array,
        got,
        p,
        'layer',
      );
      const accuracy = new CategoricalAccuracy();
      const correct = correctLabelsWasm(p, labels, rows, cols);
      assert.equal(
        correct / rows,
        typescriptOnly(() => accuracy.calculate(predictions, labels)),
        `${rows}x${cols}`,
      );
      assert.equal(accuracy.calculate(predictions, labels), correct / rows);
    }
  }
});

test('the backward and accuracy kernels refuse labels out of range, read nothing, and the layers name the label', () => {
  const p = predictionRows(6, 3, 1);
  const predictions = Matrix.zeros(6, 3, 'float32');
  predictions.data.set(p);
  for (const bad of [3, -1, 1000000, 2147483647]) {
    const labels = Int32Array.of(0, 1, 2, 0, bad, 1);
    const out = new Float32Array(18).fill(7);
    assert.equal(softmaxCrossEntropyBackwardWasm(p, labels, out, 6, 3), 'bad labels');
    assert.ok(
      out.every((v) => v === 7),
      'nothing written',
    );
    assert.equal(correctLabelsWasm(p, labels, 6, 3), -1);
    const namesTheLabel = (error: unknown): boolean => {
      assert.ok(error instanceof ScratchnetError);
      assert.equal(error.code, 'BAD_LABEL');
      assert.match(error.message, new RegExp(String(bad)));
      return true;
    };
    assert.throws(() => new SoftmaxCategoricalCrossentropy().backward(predictions, labels), namesTheLabel);
    assert.throws(() => new CategoricalAccuracy().calculate(predictions, labels), namesTheLabel);
  }
});
