import type cliProgress from 'cli-progress';
import type { BatchLogs, EpochLogs, TrainingCallback } from '../model/callbacks.ts';
import { cliProgressLib } from './cli-progress-lib.ts';

/**
 * The progress bar of a run in batches (the image data sets): one pass of the bar per epoch, step by
 * step, with steps per second, the running loss and accuracy, and the epoch's ETA. Terminal only;
 * log lines go above it through `log`.
 */
export class StepProgressBar implements TrainingCallback {
  private readonly bars: cliProgress.MultiBar;
  private readonly bar: cliProgress.SingleBar;
  private readonly epochs: number;
  private epoch = 0;
  private epochStarted = performance.now();

  constructor(epochs: number, stepsPerEpoch: number) {
    this.epochs = epochs;
    this.bars = new (cliProgressLib().MultiBar)(
      {
        format:
          'epoch {epoch}/{epochs} [{bar}] step {value}/{total} | {rate} steps/s | loss {loss} | acc {acc} | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
        stream: process.stdout,
      },
      cliProgressLib().Presets.shades_classic,
    );
    this.bar = this.bars.create(stepsPerEpoch, 0, { epoch: 1, epochs, rate: '-', loss: '-', acc: '-' });
  }

  onBatchEnd(logs: BatchLogs): void {
    if (logs.epoch !== this.epoch) {
      this.epoch = logs.epoch;
      this.epochStarted = performance.now();
      this.bar.start(this.bar.getTotal(), 0, { epoch: logs.epoch, epochs: this.epochs });
    }
    const seconds = (performance.now() - this.epochStarted) / 1000;
    this.bar.update(logs.step + 1, {
      epoch: logs.epoch,
      rate: seconds > 0 ? ((logs.step + 1) / seconds).toFixed(1) : '-',
      loss: logs.loss.toFixed(3),
      acc: logs.accuracy.toFixed(3),
    });
  }

  onEpochEnd(_logs: EpochLogs): void {}

  log(line: string): void {
    this.bars.log(`${line}\n`);
  }

  stop(): void {
    this.bars.stop();
  }
}
