// Plain arrays at the model's public boundary: number[][], { data, shape } and Matrix give the same
// float32 matrix; flat arrays become class labels; bad input is refused naming the value and where.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { withCode } from '../../test/assertions.ts';
import { Matrix } from '../tensor/matrix.ts';
import { toMatrix, toTargets } from './model-data.ts';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 });
const table = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([rows, cols]) =>
    fc.array(fc.array(finite, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
  );

describe('toMatrix', () => {
  test('rows, a shaped Float64Array and Matrix.fromRows give the same float32 values', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const fromRows = toMatrix('X', rows);
        const flat = Float64Array.from(rows.flat());
        const fromShaped = toMatrix('X', { data: flat, shape: [rows.length, rows[0].length] });
        const expected = Matrix.fromRows(rows);
        assert.deepEqual(fromRows.shape, expected.shape);
        assert.deepEqual(fromRows.data, expected.data);
        assert.deepEqual(fromShaped.data, expected.data);
        assert.equal(fromRows.dtype, 'float32');
      }),
      { seed: 17 },
    );
  });

  test('a Matrix passes through as the same object', () => {
    const X = Matrix.fromRows([[1, 2]]);
    assert.equal(toMatrix('X', X), X);
  });

  test('ragged rows → SHAPE_MISMATCH naming the row', () => {
    fc.assert(
      fc.property(table, fc.nat(), (rows, pick) => {
        fc.pre(rows.length > 1);
        const r = 1 + (pick % (rows.length - 1));
        const ragged = rows.map((row, i) => (i === r ? [...row, 0] : row));
        assert.throws(() => toMatrix('X', ragged), withCode('SHAPE_MISMATCH', `row ${r} has`));
      }),
      { seed: 17 },
    );
  });

  test('a non-number or a non-finite value anywhere → BAD_DATA / NON_FINITE_INPUT naming [row][col]', () => {
    const bad = fc.constantFrom<unknown>('1', null, undefined, {}, [], NaN, Infinity, -Infinity);
    fc.assert(
      fc.property(table, fc.nat(), fc.nat(), bad, (rows, i, j, value) => {
        const r = i % rows.length;
        const c = j % rows[0].length;
        const broken: unknown[][] = rows.map((row) => [...row]);
        broken[r][c] = value;
        const code = typeof value === 'number' ? 'NON_FINITE_INPUT' : 'BAD_DATA';
        assert.throws(
          () => toMatrix('training data X', broken),
          withCode(code, `training data X[${r}][${c}] is`),
        );
      }),
      { seed: 17 },
    );
  });

  test('a shape that does not fit the data, or no shape → SHAPE_MISMATCH / BAD_DATA', () => {
    const data = new Float32Array(6);
    assert.throws(
      () => toMatrix('X', { data, shape: [4, 2] }),
      withCode('SHAPE_MISMATCH', 'needs 8 values, data has 6'),
    );
    assert.throws(() => toMatrix('X', { data, shape: [6] }), withCode('BAD_DATA', 'shape [rows, cols]'));
    assert.throws(() => toMatrix('X', { data, shape: [2.5, 2] }), withCode('BAD_DATA', 'shape [rows, cols]'));
    assert.throws(() => toMatrix('X', 'a,b'), withCode('BAD_DATA', 'X must be a Matrix, rows of numbers'));
    assert.throws(() => toMatrix('X', [1, 2, 3]), withCode('BAD_DATA', 'row 0 is 1, not an array'));
  });
});

describe('toTargets', () => {
  test('a flat number[] or typed array of integer classes becomes the same Int32Array', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 20 }), (labels) => {
        const expected = Int32Array.from(labels);
        assert.deepEqual(toTargets('y', labels), expected);
        assert.deepEqual(toTargets('y', Float64Array.from(labels)), expected);
      }),
      { seed: 17 },
    );
  });

  test('integer typed arrays pass through; rows become a Matrix', () => {
    const labels = new Uint8Array([0, 1]);
    assert.equal(toTargets('y', labels), labels);
    const rows = toTargets('y', [[0.5], [1.5]]);
    assert.ok(rows instanceof Matrix);
    assert.deepEqual(rows.shape, [2, 1]);
  });

  test('a fractional, negative, NaN or non-number label → BAD_LABEL / NON_FINITE_INPUT / BAD_DATA', () => {
    assert.throws(
      () => toTargets('training data', [0, 0.5]),
      withCode('BAD_LABEL', 'training data y[1] is 0.5'),
    );
    assert.throws(() => toTargets('training data', [-1]), withCode('BAD_LABEL', 'y[0] is -1'));
    assert.throws(() => toTargets('training data', [0, NaN]), withCode('NON_FINITE_INPUT', 'y[1] is NaN'));
    assert.throws(() => toTargets('training data', ['1']), withCode('BAD_DATA', 'y[0] is "1", not a number'));
    assert.throws(() => toTargets('training data', 3), withCode('BAD_DATA', 'y must be class labels'));
  });
});
