// Assertions shared by the unit tests beside the code.
import assert from 'node:assert/strict';
import { ScratchnetError } from '../src/errors/scratchnet-error.ts';

/** Element-wise comparison where −0 equals +0 (numpy prints both as 0); tolerance 0 means exact. */
export function assertValues(actual: ArrayLike<number>, expected: readonly number[], tolerance = 0): void {
  assert.equal(actual.length, expected.length, 'length');
  for (let i = 0; i < expected.length; i++) {
    const ok = tolerance === 0 ? actual[i] === expected[i] : Math.abs(actual[i] - expected[i]) <= tolerance;
    assert.ok(ok, `element ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

/** An `assert.throws` validator: a ScratchnetError with this code whose message contains `named`. */
export function withCode(code: ScratchnetError['code'], named = ''): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof ScratchnetError, `expected a ScratchnetError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.ok(error.message.includes(named), `${JSON.stringify(error.message)} should name ${named}`);
    return true;
  };
}
