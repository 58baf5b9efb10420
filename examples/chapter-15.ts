// The book's chapter 15, "Dropout", line for line with scratchnet's low-level API.
// Run: npx tsx examples/chapter-15.ts
import {
  Adam,
  CategoricalAccuracy,
  Dense,
  Dropout,
  type EpochReport,
  formatEpochLine,
  formatValidationLine,
  RandomState,
  ReLU,
  SoftmaxCategoricalCrossentropy,
  spiralData,
} from 'scratchnet';
import type { ChapterRun } from './chapter-14.ts';

export function chapter15(epochs = 10000, print: (line: string) => void = console.log): ChapterRun {
  const lines: string[] = [];
  const emit = (line: string) => {
    lines.push(line);
    print(line);
  };

  // nnfs.init()
  const rng = new RandomState(0);

  // Create dataset: ten times more samples than chapter 14
  const { X, y } = spiralData(1000, 3, rng);

  const dense1 = new Dense(2, 64, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 });
  const activation1 = new ReLU();
  // Create dropout layer: rate is the fraction of neurons dropped (the book's Layer_Dropout(0.1))
  const dropout1 = new Dropout(0.1, { rng });
  const dense2 = new Dense(64, 3, { rng });
  const lossActivation = new SoftmaxCategoricalCrossentropy();
  const accuracy = new CategoricalAccuracy();
  const optimizer = new Adam({ learningRate: 0.05, decay: 5e-5 });

  let final: EpochReport | null = null;
  for (let epoch = 0; epoch <= epochs; epoch++) {
    dense1.forward(X);
    activation1.forward(dense1.output);
    // Perform a forward pass through the dropout layer (a new mask every epoch)
    dropout1.forward(activation1.output);
    dense2.forward(dropout1.output);
    const dataLoss = lossActivation.forward(dense2.output, y);
    // float32 numbers, which numpy adds in float32: Math.fround does the same
    const regularizationLoss = Math.fround(
      lossActivation.loss.regularizationLoss(dense1) + lossActivation.loss.regularizationLoss(dense2),
    );
    const loss = Math.fround(dataLoss + regularizationLoss);
    const acc = accuracy.calculate(lossActivation.output, y);

    final = {
      epoch,
      accuracy: acc,
      loss,
      dataLoss,
      regularizationLoss,
      learningRate: optimizer.currentLearningRate,
    };
    if (epoch % 100 === 0) emit(formatEpochLine(final));

    lossActivation.backward(lossActivation.output, y);
    dense2.backward(lossActivation.dInputs);
    dropout1.backward(dense2.dInputs);
    activation1.backward(dropout1.dInputs);
    dense1.backward(activation1.dInputs);

    optimizer.preUpdateParams();
    optimizer.updateParams(dense1);
    optimizer.updateParams(dense2);
    optimizer.postUpdateParams();
  }

  // Validate without dropout: at inference every neuron takes part
  const test = spiralData(100, 3, rng);
  dense1.forward(test.X);
  activation1.forward(dense1.output);
  dense2.forward(activation1.output);
  const validationLoss = lossActivation.forward(dense2.output, test.y);
  const validationAccuracy = accuracy.calculate(lossActivation.output, test.y);
  emit(formatValidationLine(validationAccuracy, validationLoss));

  return {
    lines,
    final: final as EpochReport,
    validation: { accuracy: validationAccuracy, loss: validationLoss },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) chapter15();
