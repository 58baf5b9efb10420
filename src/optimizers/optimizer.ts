import { ScratchnetError } from '../errors/scratchnet-error.ts';
import type { Layer } from '../layers/layer.ts';
import type { Parameter } from '../layers/parameter.ts';
import { kernels } from '../tensor/kernel-table.ts';
import type { DType, FloatArray } from '../tensor/matrix.ts';

/** The rounding of each arithmetic step: float32 as numpy does it under `nnfs.init()`, or none. */
export type Round = (x: number) => number;
const identity: Round = (x) => x;
export function roundingOf(data: FloatArray): Round {
  return data instanceof Float32Array ? Math.fround : identity;
}

/** Plain-data optimizer state, keyed by parameter name: what a checkpoint saves. */
export interface OptimizerState {
  iterations: number;
  currentLearningRate: number;
  slots: Record<string, Record<string, number[]>>;
}

/**
 * The book's optimizer protocol: `preUpdateParams()` (learning-rate decay), `updateParams(layer)` for
 * each trainable layer, `postUpdateParams()` (count the step); `step(parameters)` does all three.
 * Per-parameter state (momentums, caches) lives here, keyed by the Parameter object, never on a layer.
 */
export abstract class Optimizer {
  abstract readonly name: string;
  readonly learningRate: number;
  readonly decay: number;
  currentLearningRate: number;
  iterations = 0;
  private readonly slots = new Map<Parameter, Record<string, FloatArray>>();

  constructor(learningRate: number, decay: number) {
    this.learningRate = learningRate;
    this.decay = decay;
    this.currentLearningRate = learningRate;
  }

  /** lr_t = lr · 1 / (1 + decay · t), t = updates so far (written as the book does, for identical rounding). */
  preUpdateParams(): void {
    if (this.decay) this.currentLearningRate = this.learningRate * (1 / (1 + this.decay * this.iterations));
  }

  updateParams(layer: Layer): void {
    for (const parameter of layer.parameters()) this.updateParameter(parameter);
  }

  postUpdateParams(): void {
    this.iterations += 1;
  }

  /** One whole update of these parameters. */
  step(parameters: readonly Parameter[]): void {
    this.preUpdateParams();
    for (const parameter of parameters) this.updateParameter(parameter);
    this.postUpdateParams();
  }

  /** Names of this optimizer's per-parameter slots, e.g. ['momentum', 'cache']. */
  protected abstract slotNames(): readonly string[];

  /** Applies one update to `parameter.value` from `parameter.grad`, using and updating `slots`. */
  protected abstract update(parameter: Parameter, slots: Record<string, FloatArray>): void;

  protected updateParameter(parameter: Parameter): void {
    this.update(parameter, this.slotsOf(parameter));
  }

  /**
   * The dtype of a slot: the gradient's, as numpy's `m = beta1 * m + (1 - beta1) * g` takes the
   * dtype of g (float64 below a Dropout). Adagrad's in-place `cache += g**2` keeps the value's.
   */
  protected slotType(parameter: Parameter): DType {
    return parameter.grad.dtype;
  }

  private slotsOf(parameter: Parameter): Record<string, FloatArray> {
    const dtype = this.slotType(parameter);
    let slots = this.slots.get(parameter);
    if (slots === undefined) {
      slots = {};
      for (const name of this.slotNames()) slots[name] = allocateSlot(parameter.value.data.length, dtype);
      this.slots.set(parameter, slots);
    }
    for (const name of this.slotNames()) {
      // restored state is kept in float64 until the first update tells which dtype it belongs in
      if (slots[name] instanceof Float64Array !== (dtype === 'float64')) {
        const converted = allocateSlot(slots[name].length, dtype);
        converted.set(slots[name]);
        slots[name] = converted;
      }
    }
    return slots;
  }

  /** A copy of the state for these parameters (named by `parameter.name`, which must be unique). */
  getState(parameters: readonly Parameter[]): OptimizerState {
    const slots: OptimizerState['slots'] = {};
    for (const parameter of parameters) {
      const own = this.slots.get(parameter);
      if (own === undefined) continue;
      if (slots[parameter.name] !== undefined) throw duplicateName(parameter.name);
      slots[parameter.name] = Object.fromEntries(Object.entries(own).map(([k, v]) => [k, Array.from(v)]));
    }
    return { iterations: this.iterations, currentLearningRate: this.currentLearningRate, slots };
  }

  /** Restores a state taken by `getState` (for resuming training). */
  setState(parameters: readonly Parameter[], state: OptimizerState): void {
    if (!Number.isInteger(state.iterations) || state.iterations < 0) {
      throw new ScratchnetError(
        'BAD_STATE',
        `optimizer iterations must be an integer >= 0, got ${state.iterations}`,
        'pass a state made by getState',
      );
    }
    this.iterations = state.iterations;
    this.currentLearningRate = state.currentLearningRate;
    this.slots.clear();
    for (const parameter of parameters) {
      const saved = state.slots[parameter.name];
      if (saved === undefined) continue;
      const slots: Record<string, FloatArray> = {};
      for (const name of this.slotNames()) {
        const values = saved[name];
        if (values === undefined || values.length !== parameter.value.data.length) {
          throw new ScratchnetError(
            'BAD_STATE',
            `optimizer state for ${parameter.name}.${name} has ${values?.length ?? 'no'} values, expected ${parameter.value.data.length}`,
            'the state must come from the same network and optimizer',
          );
        }
        slots[name] = Float64Array.from(values);
      }
      this.slots.set(parameter, slots);
    }
  }
}

/** A slot array from the kernel table's allocator (the speed wing's updates then run on it in place). */
function allocateSlot(length: number, dtype: DType): FloatArray {
  return dtype === 'float64' ? kernels.arrays.float64(length) : kernels.arrays.float32(length);
}

function duplicateName(name: string): ScratchnetError {
  return new ScratchnetError(
    'BAD_STATE',
    `two parameters share the name ${JSON.stringify(name)}`,
    'give each layer a unique name',
  );
}
