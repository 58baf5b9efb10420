// W2's data: 10000 MNIST-sized samples (784 values in [0, 1), 10 classes), seeded, shared by every system.
import { Matrix, RandomState } from '../../src/node.ts';

export const W2_SAMPLES = 10000;
export const W2_FEATURES = 784;
export const W2_CLASSES = 10;

export function w2Data(samples = W2_SAMPLES): { X: Matrix; y: Int32Array } {
  const rng = new RandomState(1234);
  const X = Matrix.zeros(samples, W2_FEATURES);
  rng.fillRandomSample(X.data);
  // labels from the first pixels, so there is something to learn
  const y = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    let s = 0;
    for (let j = 0; j < 20; j++) s += X.data[i * W2_FEATURES + j];
    y[i] = Math.max(0, Math.min(W2_CLASSES - 1, Math.floor(s - 5)));
  }
  return { X, y };
}
