import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { encodePng } from '../io/png-file.ts';
import { CategoricalCrossentropy } from '../losses/categorical-crossentropy.ts';
import { confusionMatrix, formatConfusionMatrix, predictedClasses } from '../metrics/confusion-matrix.ts';
import type { Model } from '../model/model.ts';
import type { GridImage } from '../plot/image-grid-svg.ts';
import type { ImageRunData } from './image-data.ts';

/** Test images shown in test-images.svg: the first 40 of the (shuffled) test set. */
const GRID_IMAGES = 40;

export interface ImageRunReport {
  test: { accuracy: number; loss: number; count: number };
  confusionMatrix: number[][];
  files: string[];
}

/**
 * The end of a run on images: test accuracy and loss, the confusion matrix, and two pictures in the
 * run folder, confusion-matrix.svg and test-images.svg (predicted and true labels, wrong ones in red).
 */
export async function reportImageRun(
  model: Model,
  images: ImageRunData,
  folder: string,
): Promise<ImageRunReport> {
  // one pass over the test set: accuracy and loss come from the same predictions as the matrix
  const probabilities = model.predict(images.testX, { batchSize: 1000 });
  const predicted = predictedClasses(probabilities);
  const counts = confusionMatrix(predicted, images.testY, images.classNames.length);
  const loss = new CategoricalCrossentropy().calculate(probabilities, images.testY);
  const accuracy = counts.reduce((sum, row, t) => sum + row[t], 0) / predicted.length;
  // loaded here, not with the module: `scratchnet train` imports this file for every data set
  const [{ confusionMatrixSvg }, { imageGridSvg }] = await Promise.all([
    import('../plot/confusion-matrix-svg.ts'),
    import('../plot/image-grid-svg.ts'),
  ]);
  const matrixFile = join(folder, 'confusion-matrix.svg');
  await writeFileAtomic(matrixFile, confusionMatrixSvg(counts, images.classNames));
  const { test } = images.split;
  const size = test.rows * test.cols;
  const shown: GridImage[] = [];
  for (let i = 0; i < Math.min(GRID_IMAGES, test.count); i++) {
    shown.push({
      pixels: test.pixels.subarray(i * size, (i + 1) * size),
      predicted: images.classNames[predicted[i]],
      truth: images.classNames[images.testY[i]],
    });
  }
  const wrong = shown.filter((image) => image.predicted !== image.truth).length;
  const gridFile = join(folder, 'test-images.svg');
  const title = `The first ${shown.length} test images: predicted class (true class below); ${wrong} wrong, framed in red`;
  await writeFileAtomic(gridFile, imageGridSvg(shown, encodePng, { side: test.cols, title }));
  return {
    test: { accuracy, loss, count: test.count },
    confusionMatrix: counts,
    files: [matrixFile, gridFile],
  };
}

/** The report as the lines the command line prints. */
export function formatImageRunReport(report: ImageRunReport, names: readonly string[]): string {
  return [
    `test:       acc: ${report.test.accuracy.toFixed(3)}, loss: ${report.test.loss.toFixed(3)} (${report.test.count} images)`,
    '',
    formatConfusionMatrix(report.confusionMatrix, names),
    '',
    `pictures:   ${report.files.join(', ')}`,
  ].join('\n');
}
