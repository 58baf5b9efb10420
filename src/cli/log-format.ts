import { Option } from 'commander';
import { BookModelReporter } from '../model/book-model-reporter.ts';
import type { EpochLogs, TrainingCallback } from '../model/callbacks.ts';
import { ConsoleReporter } from '../model/console-reporter.ts';

/** `book`: the chapter-14/15 loop's lines; `book-model`: the lines of the book's Model from chapter 19 on. */
export type LogFormat = 'book' | 'book-model';

/** `train --log <format>`. */
export function logOption(): Option {
  return new Option(
    '--log <format>',
    "the lines printed: book (`epoch: 100, acc: …`, every --print-every epochs) or book-model (the book's Model from chapter 19: `epoch: N`, a `step:` line every --print-every steps, `training,` and `validation,` each epoch)",
  )
    .choices(['book', 'book-model'])
    .default('book');
}

/** What prints each epoch: nothing, JSON lines, the book's loop's lines, or its Model's. */
export function reporterFor(
  flags: { quiet?: boolean; json?: boolean; log: LogFormat },
  printEvery: number,
  print: (line: string) => void,
): TrainingCallback | null {
  if (flags.quiet) return null;
  if (flags.json) {
    return {
      onEpochEnd: (logs: EpochLogs) =>
        logs.epoch % printEvery === 0 && console.log(JSON.stringify({ type: 'epoch', ...logs })),
    };
  }
  return flags.log === 'book-model'
    ? new BookModelReporter({ write: print })
    : new ConsoleReporter({ printEvery, write: print });
}
