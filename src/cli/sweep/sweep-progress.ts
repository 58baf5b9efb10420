import type cliProgress from 'cli-progress';
import { cliProgressLib } from '../cli-progress-lib.ts';

/**
 * What a sweep shows while it runs: on a terminal, a live bar of the runs finished, with the ETA from
 * the epochs trained so far across all workers, and a line per finished run above it; elsewhere only
 * the lines.
 */
export class SweepProgress {
  private readonly bars: cliProgress.MultiBar | null;
  private readonly bar: cliProgress.SingleBar | null;
  private readonly epochs = new Map<string, number>();
  private readonly epochsPerRun: number;
  private readonly total: number;
  private finishedRuns: number;
  private trained = 0;

  /**
   * @param runs all runs of the sweep; `finished` of them were done before (resumed), the others
   *   each train `epochsPerRun` epochs.
   */
  constructor(options: { runs: number; finished: number; epochsPerRun: number; terminal: boolean }) {
    this.epochsPerRun = options.epochsPerRun;
    this.total = options.runs;
    this.finishedRuns = options.finished;
    if (!options.terminal) {
      this.bars = null;
      this.bar = null;
      return;
    }
    this.bars = new (cliProgressLib().MultiBar)(
      {
        format: 'runs {runs} [{bar}] {percentage}% | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
        fps: 5,
        stream: process.stdout,
      },
      cliProgressLib().Presets.shades_classic,
    );
    const epochs = (options.runs - options.finished) * options.epochsPerRun;
    this.bar = this.bars.create(epochs, 0, { runs: `${options.finished}/${options.runs}` });
  }

  /** A worker reports that run `key` has finished `epoch` epochs. */
  epoch(key: string, epoch: number): void {
    const before = this.epochs.get(key) ?? 0;
    this.epochs.set(key, epoch);
    this.trained += epoch - before;
    this.bar?.update(this.trained, { runs: `${this.finishedRuns}/${this.total}` });
  }

  /** A run has finished: count its epochs in full and print its line. */
  finished(key: string, line: string): void {
    this.epoch(key, this.epochsPerRun);
    this.finishedRuns++;
    this.bar?.update(this.trained, { runs: `${this.finishedRuns}/${this.total}` });
    this.log(line);
    // Redraws are throttled (5 a second) and the line waits for the next one: runs that finish faster
    // would show neither their count nor their line. A run's end is rare enough to draw every time.
    this.bars?.update();
  }

  log(line: string): void {
    if (this.bars) this.bars.log(`${line}\n`);
    else console.log(line);
  }

  stop(): void {
    this.bars?.update();
    this.bars?.stop();
  }
}
