import type cliProgress from 'cli-progress';
import type { EpochLogs, TrainingCallback } from '../model/callbacks.ts';
import { cliProgressLib } from './cli-progress-lib.ts';

/**
 * The live progress bar of a training run (epoch, loss, accuracy, ETA), drawn on a terminal only.
 * Log lines go above it through `log`, so that the bar stays at the bottom.
 */
export class ProgressBar implements TrainingCallback {
  private readonly bars: cliProgress.MultiBar;
  private readonly bar: cliProgress.SingleBar;

  constructor(total: number, start: number) {
    this.bars = new (cliProgressLib().MultiBar)(
      {
        format: 'epoch {value}/{total} [{bar}] {percentage}% | loss {loss} | acc {acc} | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 200,
        stream: process.stdout,
      },
      cliProgressLib().Presets.shades_classic,
    );
    this.bar = this.bars.create(total, start, { loss: '-', acc: '-' });
  }

  onEpochEnd(logs: EpochLogs): void {
    this.bar.update(logs.epoch, { loss: logs.loss.toFixed(3), acc: logs.accuracy.toFixed(3) });
  }

  log(line: string): void {
    this.bars.log(`${line}\n`);
  }

  stop(): void {
    // Redraws are throttled; a run faster than one redraw would otherwise never show its last epoch.
    this.bars.update();
    this.bars.stop();
  }
}
