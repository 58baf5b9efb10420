import type { Parameter } from '../layers/parameter.ts';
import type { EpochLogs } from './callbacks.ts';
import { ParameterSnapshot } from './parameter-snapshot.ts';
import type { EarlyStoppingOptions } from './train-options.ts';

/**
 * Keras's EarlyStopping: watches one number per epoch; a loss must fall, an accuracy rise, by more
 * than minDelta to count as an improvement; after `patience` epochs in a row without one, training
 * stops. With restoreBestWeights, the parameters of the best epoch (after its updates) are kept and
 * put back when training ends, stopped early or not.
 */
export class EarlyStopping {
  private readonly options: Required<EarlyStoppingOptions>;
  private readonly best: ParameterSnapshot | null;
  private bestValue: number;
  private wait = 0;
  /** The epoch whose value was best so far (0 before the first). */
  bestEpoch = 0;

  constructor(options: Required<EarlyStoppingOptions>, parameters: readonly Parameter[]) {
    this.options = options;
    this.best = options.restoreBestWeights ? new ParameterSnapshot(parameters) : null;
    this.bestValue = this.falls() ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  /** Records an epoch; true when training should stop now. */
  update(logs: EpochLogs): boolean {
    const value = logs[this.options.monitor] ?? Number.NaN;
    const delta = this.options.minDelta;
    const improved = this.falls() ? value < this.bestValue - delta : value > this.bestValue + delta;
    if (improved) {
      this.bestValue = value;
      this.bestEpoch = logs.epoch;
      this.wait = 0;
      this.best?.take();
      return false;
    }
    this.wait += 1;
    return this.wait >= this.options.patience;
  }

  /** Puts back the best epoch's parameters, if asked to and one was seen. */
  restoreBest(): void {
    if (this.best?.taken) this.best.restore();
  }

  private falls(): boolean {
    return this.options.monitor === 'loss' || this.options.monitor === 'valLoss';
  }
}
