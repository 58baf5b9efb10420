// Fashion-MNIST, scratchnet: the book's chapter-19 network and settings (batch 128, shuffled, Adam
// decay 1e-3, 10 epochs) on the seeded 60,000 / 10,000 split; prints test accuracy and training time.
// Run: npx tsx bench/workloads/scratchnet-fashion.ts --epochs 10 [--l2 5e-4 --dropout 0.1] [--train-per-class 1000]
import { emit } from './common.ts';
import { buildFashionModel, fashionData, fashionSettings } from './fashion-common.ts';

const settings = fashionSettings();
const data = await fashionData(settings);
const model = buildFashionModel(settings);
const perEpoch: { epoch: number; seconds: number; accuracy: number; valAccuracy?: number }[] = [];
const t0 = performance.now();
model.train(data.X, data.y, {
  epochs: settings.epochs,
  batchSize: settings.batchSize,
  shuffle: true,
  printEvery: 1_000_000,
  callbacks: [
    {
      onEpochEnd: (logs) => {
        perEpoch.push({
          epoch: logs.epoch,
          seconds: (performance.now() - t0) / 1000,
          accuracy: logs.accuracy,
        });
        process.stderr.write(
          `  scratchnet epoch ${logs.epoch}: acc ${logs.accuracy.toFixed(3)}, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
        );
      },
    },
  ],
});
const trainSeconds = (performance.now() - t0) / 1000;
const test = model.evaluate(data.testX, data.testY, { batchSize: 1000 });
const train = model.evaluate(data.X, data.y, { batchSize: 1000 });
emit({
  system: 'scratchnet',
  workload: 'fashion-mnist',
  ...settings,
  trainImages: data.X.rows,
  trainSeconds,
  samplesPerSec: (settings.epochs * data.X.rows) / trainSeconds,
  testAccuracy: test.accuracy,
  testLoss: test.dataLoss,
  trainAccuracy: train.accuracy,
  trainLoss: train.dataLoss,
  loadMs: data.loadMs,
  loadSource: data.source,
  perEpoch,
});
