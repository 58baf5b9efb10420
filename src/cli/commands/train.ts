import type { Command } from 'commander';
import { spiralData } from '../../data/spiral.ts';
import { buildClassifier } from '../../network/network-spec.ts';
import { forwardReport, trainClassifier } from '../../network/train-classifier.ts';
import { formatEpochLine, formatValidationLine } from '../../report/book-log.ts';
import { RandomState } from '../../tensor/random.ts';
import { addNetworkOptions, type NetworkFlags, specFromFlags } from '../network-options.ts';
import { parsePositiveInteger } from '../parse.ts';

interface TrainFlags extends NetworkFlags {
  epochs: number;
  printEvery: number;
}

export function registerTrainCommand(program: Command): void {
  const command = program
    .command('train')
    .description("train the book's chapter-14 network on the spiral data and print the book's log");
  addNetworkOptions(command)
    .option('--epochs <n>', 'epochs (the book runs 0..10000)', parsePositiveInteger, 10000)
    .option('--print-every <n>', 'print a log line every n epochs', parsePositiveInteger, 100)
    .action((flags: TrainFlags) => {
      const rng = new RandomState(flags.seed);
      // The book's draw order: training data, then the weights, then masks, then the validation data
      const { X, y } = spiralData(flags.samples, flags.classes, rng);
      const net = buildClassifier(specFromFlags(flags), rng);
      const started = performance.now();
      const last = trainClassifier(net, X, y, {
        epochs: flags.epochs,
        onEpoch: (report) => {
          if (report.epoch % flags.printEvery === 0 || report.epoch === flags.epochs)
            console.log(formatEpochLine(report));
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const validation = spiralData(100, flags.classes, rng);
      const v = forwardReport(net, validation.X, validation.y, flags.epochs, false);
      console.log(formatValidationLine(v.accuracy, v.dataLoss));
      console.error(
        `trained ${flags.epochs} epochs in ${seconds.toFixed(1)} s: train acc ${last.accuracy.toFixed(3)}, ` +
          `validation acc ${v.accuracy.toFixed(3)} (gap ${(last.accuracy - v.accuracy).toFixed(3)})`,
      );
    });
}
