import { ScratchnetError } from '../errors/scratchnet-error.ts';
import type { Parameter } from '../layers/parameter.ts';
import { pythonRepr } from '../report/python-format.ts';
import { ParameterSnapshot } from './parameter-snapshot.ts';

/**
 * Keeps the parameters that the last two epochs started from, so that when the loss stops being
 * finite the model can be put back to the last parameters known to give a finite loss: those the
 * previous epoch started from (full batch, exactly the ones whose loss that epoch reported). One
 * copy per epoch, into buffers made once.
 */
export class DivergenceGuard {
  private previous: ParameterSnapshot;
  private current: ParameterSnapshot;
  private previousEpoch = 0;
  private currentEpoch = 0;

  constructor(parameters: readonly Parameter[]) {
    this.previous = new ParameterSnapshot(parameters);
    this.current = new ParameterSnapshot(parameters);
  }

  beginEpoch(epoch: number): void {
    [this.previous, this.current] = [this.current, this.previous];
    this.previousEpoch = this.currentEpoch;
    this.current.take();
    this.currentEpoch = epoch;
  }

  /** Restores the last good parameters and returns the DIVERGED error to throw. */
  diverged(where: string, loss: number, learningRate: number): ScratchnetError {
    let restored: string;
    if (this.previous.taken) {
      this.previous.restore();
      restored = `the parameters were restored to those epoch ${this.previousEpoch} started from (its loss was finite)`;
    } else {
      this.current.restore();
      restored = `the parameters were restored to those this train() call began with (at epoch ${this.currentEpoch})`;
    }
    return new ScratchnetError(
      'DIVERGED',
      `training diverged at ${where}: the loss is ${loss}; ${restored}; the optimizer state was not restored`,
      `lower the learning rate (it was ${pythonRepr(learningRate)}; try 10 times less) or add decay, ` +
        'and check the data for extreme values',
    );
  }
}
