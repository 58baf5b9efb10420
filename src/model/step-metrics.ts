/** The numbers of one step, or of one epoch. */
export interface StepMetrics {
  dataLoss: number;
  regularizationLoss: number;
  /** dataLoss + regularizationLoss, added as numpy adds them (addLosses). */
  loss: number;
  accuracy: number;
}

/**
 * Averages the steps of an epoch, each weighted by its number of rows (the book's chapter-19
 * accumulated loss and accuracy, which count samples). An epoch of one step reports exactly that
 * step's numbers, so full-batch training reports what the book's loop prints, bit for bit.
 */
export class EpochMetrics implements StepMetrics {
  dataLoss = 0;
  regularizationLoss = 0;
  loss = 0;
  accuracy = 0;
  private steps = 0;
  private rows = 0;
  private sums = { dataLoss: 0, regularizationLoss: 0, accuracy: 0 };

  reset(): void {
    this.steps = 0;
    this.rows = 0;
    this.sums.dataLoss = 0;
    this.sums.regularizationLoss = 0;
    this.sums.accuracy = 0;
  }

  add(step: StepMetrics, rows: number): void {
    this.steps += 1;
    this.rows += rows;
    this.sums.dataLoss += step.dataLoss * rows;
    this.sums.regularizationLoss += step.regularizationLoss * rows;
    this.sums.accuracy += step.accuracy * rows;
    if (this.steps === 1) {
      this.dataLoss = step.dataLoss;
      this.regularizationLoss = step.regularizationLoss;
      this.loss = step.loss;
      this.accuracy = step.accuracy;
    } else {
      this.dataLoss = this.sums.dataLoss / this.rows;
      this.regularizationLoss = this.sums.regularizationLoss / this.rows;
      this.loss = this.dataLoss + this.regularizationLoss;
      this.accuracy = this.sums.accuracy / this.rows;
    }
  }
}
