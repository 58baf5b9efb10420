// The book's chapter 14, "L1 and L2 Regularization", line for line with scratchnet's low-level API.
// Run: npx tsx examples/chapter-14.ts
import {
  Adam,
  CategoricalAccuracy,
  Dense,
  type EpochReport,
  formatEpochLine,
  formatValidationLine,
  RandomState,
  ReLU,
  SoftmaxCategoricalCrossentropy,
  spiralData,
} from 'scratchnet';

export interface ChapterRun {
  lines: string[];
  final: EpochReport;
  validation: { accuracy: number; loss: number };
}

export function chapter14(epochs = 10000, print: (line: string) => void = console.log): ChapterRun {
  const lines: string[] = [];
  const emit = (line: string) => {
    lines.push(line);
    print(line);
  };

  // nnfs.init(): one generator, seeded with 0, drives the data, the weights and (chapter 15) dropout
  const rng = new RandomState(0);

  // Create dataset
  const { X, y } = spiralData(100, 3, rng);

  // Create Dense layer with 2 input features and 64 output values, L2-regularized weights and biases
  const dense1 = new Dense(2, 64, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 });
  // Create ReLU activation (to be used with Dense layer)
  const activation1 = new ReLU();
  // Create second Dense layer with 64 input features (the output of the previous layer) and 3 outputs
  const dense2 = new Dense(64, 3, { rng });
  // Create Softmax classifier's combined loss and activation
  const lossActivation = new SoftmaxCategoricalCrossentropy();
  const accuracy = new CategoricalAccuracy();
  // Create optimizer
  const optimizer = new Adam({ learningRate: 0.02, decay: 5e-7 });

  let final: EpochReport | null = null;
  // Train in loop
  for (let epoch = 0; epoch <= epochs; epoch++) {
    // Forward pass
    dense1.forward(X);
    activation1.forward(dense1.output);
    dense2.forward(activation1.output);
    // Forward through the activation/loss function: returns the data loss
    const dataLoss = lossActivation.forward(dense2.output, y);
    // Regularization penalty (float32 numbers, which numpy adds in float32: Math.fround does the same)
    const regularizationLoss = Math.fround(
      lossActivation.loss.regularizationLoss(dense1) + lossActivation.loss.regularizationLoss(dense2),
    );
    // Overall loss
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

    // Backward pass
    lossActivation.backward(lossActivation.output, y);
    dense2.backward(lossActivation.dInputs);
    activation1.backward(dense2.dInputs);
    dense1.backward(activation1.dInputs);

    // Update weights and biases
    optimizer.preUpdateParams();
    optimizer.updateParams(dense1);
    optimizer.updateParams(dense2);
    optimizer.postUpdateParams();
  }

  // Validate the model on a new spiral set, drawn after training from the same generator
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

if (import.meta.url === `file://${process.argv[1]}`) chapter14();
