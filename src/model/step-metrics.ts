import type { RegularizationLoss } from '../layers/regularization-loss.ts';
import { addLosses } from '../losses/add-losses.ts';
import type { SampleLosses } from '../losses/loss.ts';

/** The numbers of one step, or of one epoch. */
export interface StepMetrics {
  dataLoss: number;
  regularizationLoss: number;
  /** dataLoss + regularizationLoss, added as numpy adds them (addLosses). */
  loss: number;
  accuracy: number;
}

/**
 * The book's chapter-19 accumulated loss and accuracy over the steps of an epoch (or of an
 * evaluation): `accumulated_sum += np.sum(sample_losses)` (a float32 running sum for float32
 * losses) and `accumulated_count += len(sample_losses)`, the correct predictions counted likewise;
 * `calculate_accumulated` divides the two, in float32 for float32 losses. The regularization loss
 * is that of the parameters when the epoch ends, as the book's `calculate_accumulated(
 * include_regularization=True)` computes it after the epoch's last update.
 */
export class EpochMetrics implements StepMetrics {
  dataLoss = 0;
  regularizationLoss = 0;
  loss = 0;
  accuracy = 0;
  private lossSum = 0;
  private float32 = true;
  private samples = 0;
  private correct = 0;
  private rows = 0;

  reset(): void {
    this.lossSum = 0;
    this.float32 = true;
    this.samples = 0;
    this.correct = 0;
    this.rows = 0;
  }

  /** Adds one step: its sample losses' sum and count, and its accuracy over `rows` rows. */
  add(losses: Readonly<SampleLosses>, accuracy: number, rows: number): void {
    // numpy: int 0 + float32 sum is float32, float32 + float32 stays float32; a float64 sum makes it float64
    this.float32 &&= losses.float32;
    this.lossSum = this.float32 ? Math.fround(this.lossSum + losses.sum) : this.lossSum + losses.sum;
    this.samples += losses.count;
    // the book counts `np.sum(predictions == y)`: an accuracy times its rows is that count (up to
    // the division's rounding, undone here), except for several outputs per row, kept as it is
    const correct = accuracy * rows;
    const count = Math.round(correct);
    this.correct += Math.abs(correct - count) < 1e-6 ? count : correct;
    this.rows += rows;
  }

  /** Sets the epoch's numbers from what was added and the regularization loss of the parameters now. */
  finish(regularization: RegularizationLoss): void {
    this.dataLoss = this.float32 ? Math.fround(this.lossSum / this.samples) : this.lossSum / this.samples;
    this.regularizationLoss = regularization.total;
    this.loss = addLosses(this.dataLoss, regularization.total, this.float32 && regularization.float32);
    this.accuracy = this.correct / this.rows;
  }
}
