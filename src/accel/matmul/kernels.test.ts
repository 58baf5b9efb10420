// Every fast backend against the reference loops, bit for bit (Object.is on every element, so a
// changed summation order, a lost -0 or a double rounding shows): every product, every mix of float32
// and float64 operands and output, with and without bias, on the shape classes the micro-kernels
// split into (1x1, thin k, n and m of 1 to 3, odd sizes, tails that are not a multiple of the 2 x 8
// block, the book's and the MNIST network's shapes), then seeded random shapes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { filledMatrix } from '../../../test/kernel-operands.ts';
import { type DType, Matrix } from '../../tensor/matrix.ts';
import { matmul, matmulTransA, matmulTransB } from '../../tensor/ops.ts';
import { RandomState } from '../../tensor/random.ts';
import {
  referenceMatmul,
  referenceMatmulTransA,
  referenceMatmulTransB,
} from '../../tensor/reference-kernels.ts';
import { blockedMatmul, blockedMatmulTransA, blockedMatmulTransB } from './blocked-kernels.ts';
import { type KernelBackend, kernelBackend, setKernelBackend } from './kernel-backend.ts';
import {
  instantiateKernels,
  wasmKernelExports,
  wasmMatmul,
  wasmMatmulTransA,
  wasmMatmulTransB,
} from './wasm-kernels.ts';

type Op = 'nn' | 'tn' | 'nt';
interface Backend {
  name: string;
  nn: (out: Matrix, a: Matrix, b: Matrix, bias: Float32Array | Float64Array | null) => Matrix;
  tn: (out: Matrix, a: Matrix, b: Matrix) => Matrix;
  nt: (out: Matrix, a: Matrix, b: Matrix) => Matrix;
}

/** ops.ts on a given backend (it also takes the size dispatch between the backends). */
function viaOps(backend: KernelBackend): Backend {
  const on =
    <A extends unknown[]>(fn: (...args: A) => Matrix) =>
    (...args: A) => {
      const before = kernelBackend();
      setKernelBackend(backend);
      try {
        return fn(...args);
      } finally {
        setKernelBackend(before);
      }
    };
  return { name: `ops.ts on ${backend}`, nn: on(matmul), tn: on(matmulTransA), nt: on(matmulTransB) };
}

const BACKENDS: Backend[] = [
  { name: 'wasm kernels', nn: wasmMatmul, tn: wasmMatmulTransA, nt: wasmMatmulTransB },
  { name: 'blocked TypeScript kernels', nn: blockedMatmul, tn: blockedMatmulTransA, nt: blockedMatmulTransB },
  viaOps('wasm'),
  viaOps('typescript'),
  viaOps('reference'),
];
const DTYPES: DType[] = ['float32', 'float64'];

const filled = filledMatrix;

function assertIdentical(actual: Matrix, expected: Matrix, what: string): void {
  for (let i = 0; i < expected.data.length; i++) {
    if (!Object.is(actual.data[i], expected.data[i])) {
      assert.fail(`${what}: element ${i} is ${actual.data[i]}, the reference gives ${expected.data[i]}`);
    }
  }
}

interface Case {
  op: Op;
  m: number;
  k: number;
  n: number;
  a: DType;
  b: DType;
  out: DType;
  bias: DType | null;
}

// Where the operands and the result live, as bits: 1 a, 2 b, 4 out resident in the kernels' memory
// (used in place) rather than ordinary arrays (copied in and out).
const PLACEMENTS = [0, 7, 1, 2, 4, 6];

function check(backend: Backend, c: Case, seed: number): void {
  // the WebAssembly backend takes every placement in turn; the others never look
  const placements = backend.name.includes('wasm') ? [0, 7, PLACEMENTS[seed % PLACEMENTS.length]] : [0];
  for (const placement of placements) checkPlaced(backend, c, seed, placement);
}

function checkPlaced(backend: Backend, c: Case, seed: number, placement: number): void {
  const rng = new RandomState(seed);
  const what = `${backend.name} ${c.op} ${c.m}x${c.k}x${c.n} a ${c.a} b ${c.b} out ${c.out} bias ${c.bias} placement ${placement}`;
  const [ra, rb, ro] = [(placement & 1) !== 0, (placement & 2) !== 0, (placement & 4) !== 0];
  const expected = Matrix.zeros(c.m, c.n, c.out);
  const actual = ro ? Matrix.resident(c.m, c.n, c.out) : Matrix.zeros(c.m, c.n, c.out);
  actual.data.fill(Number.NaN);
  if (c.op === 'nn') {
    const a = filled(c.m, c.k, c.a, rng, ra);
    const b = filled(c.k, c.n, c.b, rng, rb);
    const bias = c.bias === null ? null : filled(1, c.n, c.bias, rng).data;
    referenceMatmul(expected, a, b, bias);
    backend.nn(actual, a, b, bias);
  } else if (c.op === 'tn') {
    const a = filled(c.k, c.m, c.a, rng, ra);
    const b = filled(c.k, c.n, c.b, rng, rb);
    referenceMatmulTransA(expected, a, b);
    backend.tn(actual, a, b);
  } else {
    const a = filled(c.m, c.k, c.a, rng, ra);
    const b = filled(c.n, c.k, c.b, rng, rb);
    referenceMatmulTransB(expected, a, b);
    backend.nt(actual, a, b);
  }
  assertIdentical(actual, expected, what);
}

/** Every operand/output dtype mix, and for a·b each bias choice. */
function mixes(op: Op, m: number, k: number, n: number): Case[] {
  const cases: Case[] = [];
  for (const a of DTYPES) {
    for (const b of DTYPES) {
      for (const out of DTYPES) {
        for (const bias of op === 'nn' ? [null, ...DTYPES] : [null])
          cases.push({ op, m, k, n, a, b, out, bias });
      }
    }
  }
  return cases;
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 1, 9],
  [2, 1, 3],
  [3, 2, 2],
  [5, 3, 1],
  [1, 7, 17],
  [7, 13, 5],
  [9, 4, 11],
  [4, 0, 6],
  [3, 5, 8],
  [6, 31, 19],
  [13, 29, 27],
  [40, 3, 64],
  [64, 40, 3],
];
// The shapes of W1 (the book's spiral network, batch 3000 cut to 301 rows to stay fast: odd on purpose)
// and W2 (784-128-128-10, batch 128 cut to 9), in their forward and both backward products.
const NETWORK: [Op, number, number, number][] = [
  ['nn', 301, 2, 64],
  ['nn', 301, 64, 3],
  ['tn', 2, 301, 64],
  ['tn', 64, 301, 3],
  ['nt', 301, 3, 64],
  ['nn', 9, 784, 128],
  ['tn', 784, 9, 128],
  ['nt', 9, 128, 784],
  ['nn', 9, 128, 10],
  ['tn', 128, 9, 10],
  ['nt', 9, 10, 128],
];

// float32 throughout; the layer after the book's dropout (float64 inputs, float32 weights, float64
// output, float32 bias); the gradients that come back in float64.
const NETWORK_MIXES: [DType, DType, DType, DType | null][] = [
  ['float32', 'float32', 'float32', 'float32'],
  ['float64', 'float32', 'float64', 'float32'],
  ['float64', 'float64', 'float32', null],
  ['float32', 'float64', 'float64', 'float64'],
];

test('the WebAssembly kernels load here (Node 20 has WebAssembly SIMD), and are the default', () => {
  assert.notEqual(wasmKernelExports(), null);
  assert.equal(kernelBackend(), 'wasm');
});

test('bytes that do not compile give null (the fallback to the TypeScript kernels), not an exception', () => {
  // a valid header, then garbage; and a valid empty module, which lacks the kernels' exports
  assert.equal(instantiateKernels(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff, 0xff)), null);
  assert.equal(instantiateKernels(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0)), null);
});

test('setKernelBackend switches the products and refuses an unknown backend', () => {
  const before = kernelBackend();
  try {
    setKernelBackend('typescript');
    assert.equal(kernelBackend(), 'typescript');
    setKernelBackend('reference');
    assert.equal(kernelBackend(), 'reference');
    setKernelBackend('wasm');
    assert.equal(kernelBackend(), 'wasm');
    assert.throws(() => setKernelBackend('gpu' as 'wasm'), { code: 'INVALID_OPTION' });
    assert.equal(kernelBackend(), 'wasm');
  } finally {
    setKernelBackend(before);
  }
});

for (const backend of BACKENDS) {
  describe(`${backend.name} = reference, bit for bit`, () => {
    test('fixed shape classes, every dtype mix and bias', () => {
      let seed = 1;
      for (const [m, k, n] of SHAPES) {
        for (const op of ['nn', 'tn', 'nt'] as const)
          for (const c of mixes(op, m, k, n)) check(backend, c, seed++);
      }
    });

    test("the networks' shapes, float32 and the dropout island's float64 mixes", {
      skip: backend.name.startsWith('ops.ts on') && !backend.name.endsWith('wasm'),
    }, () => {
      let seed = 1000;
      for (const [op, m, k, n] of NETWORK) {
        for (const [a, b, out, bias] of NETWORK_MIXES) {
          check(backend, { op, m, k, n, a, b, out, bias: op === 'nn' ? bias : null }, seed++);
        }
      }
    });

    test('random shapes (seeded property)', () => {
      const dtype = fc.constantFrom<DType>(...DTYPES);
      const arb = fc.record({
        op: fc.constantFrom<Op>('nn', 'tn', 'nt'),
        m: fc.integer({ min: 1, max: 24 }),
        k: fc.integer({ min: 0, max: 40 }),
        n: fc.integer({ min: 1, max: 24 }),
        a: dtype,
        b: dtype,
        out: dtype,
        bias: fc.option(dtype, { nil: null }),
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      });
      fc.assert(
        fc.property(arb, ({ seed, ...c }) =>
          check(backend, { ...c, bias: c.op === 'nn' ? c.bias : null }, seed),
        ),
        { seed: 4242, numRuns: 300 },
      );
    });
  });
}

// The WebAssembly module's thin paths (assembly/matmul-thin.ts, matmul-few-columns.ts,
// matmul-long.ts): a short k (1 to 4) over every column tail, few columns (1 to 3) over row blocks
// of 8 and odd rows with k in one chunk or several, and few rows over a long k; each product with
// every dtype mix, and a·b with each bias, each case in one of the placements.
const THIN: [number, number, number][] = [
  ...[1, 2, 3, 4].flatMap((k) =>
    [1, 2, 3, 4, 5, 7, 8, 9, 12, 17].flatMap((n): [number, number, number][] => [
      [1, k, n],
      [11, k, n],
    ]),
  ),
  ...[1, 2, 3].flatMap((n) =>
    [5, 129, 301].flatMap((k): [number, number, number][] => [
      [1, k, n],
      [9, k, n],
      [19, k, n],
    ]),
  ),
  [1, 520, 8],
  [2, 600, 64],
  [3, 530, 11],
  [7, 700, 19],
];

// The spiral network's products at full size, in the dtypes training gives them (the second layer
// after dropout has float64 inputs; its gradient comes back as float64).
const SPIRAL: Case[] = [
  { op: 'nn', m: 3000, k: 2, n: 64, a: 'float32', b: 'float32', out: 'float32', bias: 'float32' },
  { op: 'nn', m: 3000, k: 64, n: 3, a: 'float64', b: 'float32', out: 'float32', bias: 'float32' },
  { op: 'nn', m: 3000, k: 64, n: 3, a: 'float32', b: 'float32', out: 'float32', bias: 'float32' },
  { op: 'tn', m: 2, k: 3000, n: 64, a: 'float32', b: 'float64', out: 'float32', bias: null },
  { op: 'tn', m: 2, k: 3000, n: 64, a: 'float32', b: 'float32', out: 'float32', bias: null },
  { op: 'tn', m: 64, k: 3000, n: 3, a: 'float64', b: 'float32', out: 'float32', bias: null },
  { op: 'tn', m: 64, k: 3000, n: 3, a: 'float32', b: 'float32', out: 'float32', bias: null },
  { op: 'nt', m: 3000, k: 3, n: 64, a: 'float32', b: 'float32', out: 'float32', bias: null },
];

describe('wasm kernels = reference on the thin paths, bit for bit', () => {
  const backend = BACKENDS[0];
  test('short k, few columns, few rows over a long k: every op, dtype mix and bias', () => {
    let seed = 5000;
    for (const [m, k, n] of THIN) {
      for (const op of ['nn', 'tn', 'nt'] as const) {
        for (const c of mixes(op, m, k, n))
          checkPlaced(backend, c, seed, PLACEMENTS[seed++ % PLACEMENTS.length]);
      }
    }
  });

  test("the spiral network's products at full size, resident as in training", () => {
    let seed = 9000;
    for (const c of SPIRAL) checkPlaced(backend, c, seed++, 7);
  });
});

test('a product that grows the WebAssembly memory, then a small one, both still right', () => {
  const backend = BACKENDS[0];
  check(
    backend,
    { op: 'nn', m: 300, k: 300, n: 40, a: 'float64', b: 'float64', out: 'float64', bias: null },
    7,
  );
  check(backend, { op: 'nt', m: 3, k: 2, n: 5, a: 'float32', b: 'float32', out: 'float32', bias: null }, 8);
});
