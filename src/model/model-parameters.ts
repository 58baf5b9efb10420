import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import type { Parameter } from '../layers/parameter.ts';

/** One parameter as plain data: its shape and its values, row-major. */
export interface ParameterValues {
  shape: [number, number];
  values: number[];
}

/** Every parameter of a model, keyed by its name (`dense1.weights`, `dense1.biases`, …). */
export type ModelParameters = Record<string, ParameterValues>;

/** Copies of the parameter values as plain, JSON-ready data. */
export function readParameters(parameters: readonly Parameter[]): ModelParameters {
  const out: ModelParameters = {};
  for (const p of parameters) {
    out[p.name] = { shape: [p.value.rows, p.value.cols], values: Array.from(p.value.data) };
  }
  return out;
}

/**
 * Writes values taken by readParameters back. All are checked before any is written: every
 * parameter present (BAD_STATE), no unknown names (BAD_STATE), shapes and lengths as the model's
 * (SHAPE_MISMATCH), finite numbers (NON_FINITE_INPUT).
 */
export function writeParameters(parameters: readonly Parameter[], values: ModelParameters): void {
  if (typeof values !== 'object' || values === null) {
    throw new ScratchnetError(
      'BAD_STATE',
      `parameters must be an object keyed by parameter name, got ${describeValue(values)}`,
      'pass what model.getParameters() returned',
    );
  }
  const names = new Set(parameters.map((p) => p.name));
  for (const name of Object.keys(values)) {
    if (!names.has(name)) {
      throw new ScratchnetError(
        'BAD_STATE',
        `the model has no parameter ${JSON.stringify(name)}`,
        `its parameters are ${[...names].join(', ')}`,
      );
    }
  }
  for (const p of parameters) checkOne(p, values[p.name]);
  for (const p of parameters) p.value.data.set(values[p.name].values);
}

function checkOne(parameter: Parameter, given: ParameterValues | undefined): void {
  const { name, value } = parameter;
  if (given === undefined || given === null || !Array.isArray(given.values) || !Array.isArray(given.shape)) {
    throw new ScratchnetError(
      'BAD_STATE',
      `no values for parameter ${name} (expected { shape, values })`,
      'pass every parameter the model has, as model.getParameters() returns them',
    );
  }
  const [rows, cols] = given.shape;
  if (rows !== value.rows || cols !== value.cols || given.values.length !== value.data.length) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `parameter ${name} is ${value.rows}x${value.cols}, got shape ${rows}x${cols} with ${given.values.length} values`,
      'the values must come from a model with the same layers',
    );
  }
  const bad = given.values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) {
    throw new ScratchnetError(
      'NON_FINITE_INPUT',
      `parameter ${name} value ${bad} is ${describeValue(given.values[bad])}`,
      'parameters must be finite numbers',
    );
  }
}
