// setMatmulPrecision('float32'): the float32-accumulating WebAssembly kernel against its TypeScript
// reference (Math.fround after every multiply and add), bit for bit (Object.is on every element), on
// every product, dtype mix and bias, the shape classes its 4 x 8 blocks and its transposed
// orientation split into, then seeded random shapes; its distance to the exact products; the
// routing in ops.ts; and the precision setter.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { filledMatrix } from '../../../test/kernel-operands.ts';
import {
  referenceF32Matmul,
  referenceF32MatmulTransA,
  referenceF32MatmulTransB,
} from '../../../test/reference-f32-kernels.ts';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { type DType, Matrix } from '../../tensor/matrix.ts';
import { matmul, matmulTransA, matmulTransB } from '../../tensor/ops.ts';
import { RandomState } from '../../tensor/random.ts';
import {
  referenceMatmul,
  referenceMatmulTransA,
  referenceMatmulTransB,
} from '../../tensor/reference-kernels.ts';
import { installAcceleration } from '../install.ts';
import { kernelBackend, setKernelBackend } from './kernel-backend.ts';
import { type MatmulPrecision, matmulPrecision, setMatmulPrecision } from './matmul-precision.ts';
import {
  wasmF32KernelExports,
  wasmF32Matmul,
  wasmF32MatmulTransA,
  wasmF32MatmulTransB,
} from './wasm-f32-kernels.ts';

installAcceleration();

type Op = 'nn' | 'tn' | 'nt';
type Product = (out: Matrix, a: Matrix, b: Matrix, bias: Float32Array | Float64Array | null) => Matrix;
interface Products {
  nn: Product;
  tn: Product;
  nt: Product;
}

const WASM: Products = {
  nn: wasmF32Matmul,
  tn: (out, a, b) => wasmF32MatmulTransA(out, a, b),
  nt: (out, a, b) => wasmF32MatmulTransB(out, a, b),
};
const REFERENCE: Products = {
  nn: referenceF32Matmul,
  tn: (out, a, b) => referenceF32MatmulTransA(out, a, b),
  nt: (out, a, b) => referenceF32MatmulTransB(out, a, b),
};
const EXACT: Products = {
  nn: referenceMatmul,
  tn: (out, a, b) => referenceMatmulTransA(out, a, b),
  nt: (out, a, b) => referenceMatmulTransB(out, a, b),
};
const OPS: Products = {
  nn: matmul,
  tn: (out, a, b) => matmulTransA(out, a, b),
  nt: (out, a, b) => matmulTransB(out, a, b),
};
const DTYPES: DType[] = ['float32', 'float64'];

const filled = filledMatrix;

interface Case {
  op: Op;
  m: number;
  k: number;
  n: number;
  a: DType;
  b: DType;
  out: DType;
  bias: DType | null;
  resident?: boolean;
}

/** The operands of a case (a·b, aᵀ·b or a·bᵀ shapes) and a NaN-filled output. */
function operands(c: Case, seed: number) {
  const rng = new RandomState(seed);
  const [ar, ac] = c.op === 'tn' ? [c.k, c.m] : [c.m, c.k];
  const [br, bc] = c.op === 'nt' ? [c.n, c.k] : [c.k, c.n];
  const a = filled(ar, ac, c.a, rng, c.resident);
  const b = filled(br, bc, c.b, rng, c.resident);
  const bias = c.bias === null ? null : filled(1, c.n, c.bias, rng).data;
  const fresh = () => {
    const out = c.resident ? Matrix.resident(c.m, c.n, c.out) : Matrix.zeros(c.m, c.n, c.out);
    out.data.fill(Number.NaN);
    return out;
  };
  return { a, b, bias, fresh };
}

const describeCase = (c: Case) =>
  `${c.op} ${c.m}x${c.k}x${c.n} a ${c.a} b ${c.b} out ${c.out} bias ${c.bias}${c.resident ? ' resident' : ''}`;

function assertIdentical(actual: Matrix, expected: Matrix, what: string): void {
  for (let i = 0; i < expected.data.length; i++) {
    if (!Object.is(actual.data[i], expected.data[i])) {
      assert.fail(`${what}: element ${i} is ${actual.data[i]}, the reference gives ${expected.data[i]}`);
    }
  }
}

function check(products: Products, c: Case, seed: number): void {
  const { a, b, bias, fresh } = operands(c, seed);
  const expected = REFERENCE[c.op](fresh(), a, b, bias);
  assertIdentical(products[c.op](fresh(), a, b, bias), expected, describeCase(c));
}

function mixes(op: Op, m: number, k: number, n: number): Case[] {
  const cases: Case[] = [];
  for (const a of DTYPES)
    for (const b of DTYPES)
      for (const out of DTYPES)
        for (const bias of op === 'nn' ? [null, ...DTYPES] : [null])
          cases.push({ op, m, k, n, a, b, out, bias });
  return cases;
}

/** Runs fn with the given backend and precision, restoring both after. */
function under<T>(backend: 'wasm' | 'typescript' | 'reference', precision: MatmulPrecision, fn: () => T): T {
  const before = [kernelBackend(), matmulPrecision()] as const;
  setKernelBackend(backend);
  setMatmulPrecision(precision);
  try {
    return fn();
  } finally {
    setKernelBackend(before[0]);
    setMatmulPrecision(before[1]);
  }
}

const ODD = [1, 2, 3, 5, 7, 9, 17, 31, 33, 65];
// 1xN, Nx1, thin k, tall, wide, square, every block edge (m mod 4, n mod 8), and the orientation
// switch (fewer than 8 output columns and more rows).
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 9, 65],
  [65, 9, 1],
  [1, 65, 1],
  [4, 0, 6],
  [301, 2, 64],
  [301, 64, 3],
  [2, 301, 64],
  [64, 301, 3],
  [301, 3, 64],
  [5, 200, 40],
  [33, 17, 31],
  [36, 40, 44],
  [3, 5, 7],
];

test('the float32 WebAssembly kernels load here', () => {
  assert.notEqual(wasmF32KernelExports(), null);
});

describe('float32 WebAssembly kernel = float32 reference, bit for bit', () => {
  test('shape classes, every dtype mix and bias', () => {
    let seed = 1;
    for (const [m, k, n] of SHAPES)
      for (const op of ['nn', 'tn', 'nt'] as const)
        for (const c of mixes(op, m, k, n)) check(WASM, c, seed++);
  });

  test('every odd m, n and k of 1, 2, 3, 5, 7, 9, 17, 31, 33, 65 (float32, with a bias on a·b)', () => {
    let seed = 1000;
    for (const m of ODD)
      for (const n of ODD)
        for (const k of [1, 3, 17, 33])
          for (const op of ['nn', 'tn', 'nt'] as const) {
            const bias = op === 'nn' ? 'float32' : null;
            check(WASM, { op, m, k, n, a: 'float32', b: 'float32', out: 'float32', bias }, seed++);
          }
  });

  test('resident operands and result (used in place in the kernels memory)', () => {
    let seed = 5000;
    for (const op of ['nn', 'tn', 'nt'] as const) {
      for (const [m, k, n] of [
        [33, 40, 65],
        [301, 64, 3],
      ] as const) {
        check(
          WASM,
          { op, m, k, n, a: 'float32', b: 'float32', out: 'float32', bias: null, resident: true },
          seed++,
        );
        check(
          WASM,
          { op, m, k, n, a: 'float64', b: 'float32', out: 'float64', bias: null, resident: true },
          seed++,
        );
      }
    }
  });

  test('subnormal products and sums, and overflow to infinity, round as in the reference', () => {
    for (const op of ['nn', 'tn', 'nt'] as const) {
      const c: Case = { op, m: 6, k: 11, n: 9, a: 'float32', b: 'float32', out: 'float32', bias: null };
      const { a, b, fresh } = operands(c, 77);
      for (let i = 0; i < a.data.length; i++) a.data[i] *= i % 3 === 0 ? 2 ** -110 : 2 ** 100;
      const expected = REFERENCE[op](fresh(), a, b, null);
      assertIdentical(WASM[op](fresh(), a, b, null), expected, `${op} extreme scales`);
    }
  });

  test('seeded random shapes, products and dtypes', () => {
    const dtype = fc.constantFrom<DType>('float32', 'float64');
    fc.assert(
      fc.property(
        fc.constantFrom<Op>('nn', 'tn', 'nt'),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.tuple(dtype, dtype, dtype, fc.option(dtype)),
        fc.integer({ min: 0, max: 1 << 30 }),
        (op, m, k, n, [a, b, out, bias], seed) => {
          check(WASM, { op, m, k, n, a, b, out, bias: op === 'nn' ? bias : null }, seed);
        },
      ),
      { seed: 4242, numRuns: 150 },
    );
  });
});

test('float32 results are within (k + 1)·2⁻²⁴·Σ|a·b| of the exact products', () => {
  let seed = 9000;
  for (const [m, k, n] of [
    [9, 784, 128],
    [301, 64, 3],
    [17, 1000, 5],
  ] as const) {
    for (const op of ['nn', 'tn', 'nt'] as const) {
      const c: Case = { op, m, k, n, a: 'float32', b: 'float32', out: 'float64', bias: null };
      const { a, b, fresh } = operands(c, seed++);
      const exact = EXACT[op](fresh(), a, b, null);
      const fast = WASM[op](fresh(), a, b, null);
      // Σ|a·b| per output: the exact product of the operands' absolute values.
      const abs = (x: Matrix) => new Matrix(x.rows, x.cols, x.data.map(Math.abs));
      const magnitude = EXACT[op](fresh(), abs(a), abs(b), null);
      let worst = 0;
      for (let i = 0; i < exact.data.length; i++) {
        const bound = (k + 1) * 2 ** -24 * magnitude.data[i];
        const error = Math.abs(fast.data[i] - exact.data[i]);
        assert.ok(error <= bound, `${describeCase(c)} element ${i}: error ${error} > bound ${bound}`);
        worst = Math.max(worst, error / (magnitude.data[i] || 1));
      }
      assert.ok(worst > 0, `${describeCase(c)}: float32 sums should differ from the exact ones somewhere`);
    }
  }
});

describe('ops.ts routing', () => {
  const cases: Case[] = [
    { op: 'nn', m: 33, k: 17, n: 65, a: 'float32', b: 'float32', out: 'float32', bias: 'float32' },
    { op: 'nn', m: 2, k: 2, n: 3, a: 'float32', b: 'float32', out: 'float32', bias: null },
    { op: 'tn', m: 64, k: 301, n: 3, a: 'float64', b: 'float32', out: 'float32', bias: null },
    { op: 'nt', m: 301, k: 3, n: 64, a: 'float32', b: 'float64', out: 'float64', bias: null },
  ];

  test("'float32' on the wasm backend runs the float32 kernel, at every size", () => {
    under('wasm', 'float32', () => {
      for (const [i, c] of cases.entries()) check(OPS, c, 300 + i);
    });
  });

  test("'exact' (the default) and the typescript and reference backends give the exact products", () => {
    assert.equal(matmulPrecision(), 'exact');
    const settings = [
      ['wasm', 'exact'],
      ['typescript', 'float32'],
      ['reference', 'float32'],
    ] as const;
    for (const [backend, precision] of settings) {
      for (const [i, c] of cases.entries()) {
        const { a, b, bias, fresh } = operands(c, 400 + i);
        const expected = EXACT[c.op](fresh(), a, b, bias);
        const actual = under(backend, precision, () => OPS[c.op](fresh(), a, b, bias));
        assertIdentical(actual, expected, `${backend} ${precision} ${describeCase(c)}`);
      }
    }
  });
});

test('setMatmulPrecision switches, and refuses an unknown precision naming it and the valid ones', () => {
  const before = matmulPrecision();
  try {
    setMatmulPrecision('float32');
    assert.equal(matmulPrecision(), 'float32');
    assert.throws(
      () => setMatmulPrecision('float16' as MatmulPrecision),
      (e: unknown) =>
        e instanceof ScratchnetError &&
        e.code === 'INVALID_OPTION' &&
        e.message.includes('"float16"') &&
        e.hint.includes("'exact'") &&
        e.hint.includes("'float32'"),
    );
    assert.equal(matmulPrecision(), 'float32');
    setMatmulPrecision('exact');
    assert.equal(matmulPrecision(), 'exact');
  } finally {
    setMatmulPrecision(before);
  }
});
