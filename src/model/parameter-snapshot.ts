import type { Parameter } from '../layers/parameter.ts';
import type { FloatArray } from '../tensor/matrix.ts';

/** A copy of parameter values, in buffers made once, to take and put back without allocating. */
export class ParameterSnapshot {
  private readonly parameters: readonly Parameter[];
  private readonly copies: FloatArray[];
  /** Whether a copy has been taken since construction. */
  taken = false;

  constructor(parameters: readonly Parameter[]) {
    this.parameters = parameters;
    this.copies = parameters.map((p) => p.value.data.slice());
  }

  take(): void {
    for (let i = 0; i < this.parameters.length; i++) this.copies[i].set(this.parameters[i].value.data);
    this.taken = true;
  }

  restore(): void {
    for (let i = 0; i < this.parameters.length; i++) this.parameters[i].value.data.set(this.copies[i]);
  }
}
