// The book's chapter-15 network with the Model API (the book's chapters 18-19), saved as a
// TensorFlow.js model. Run: npx tsx examples/model-api.ts
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  ConsoleReporter,
  Dense,
  Dropout,
  Model,
  RandomState,
  ReLU,
  Softmax,
  saveModel,
  spiralData,
} from 'scratchnet';

const rng = new RandomState(0); // nnfs.init()
const { X, y } = spiralData(1000, 3, rng);
const validation = spiralData(100, 3, new RandomState(1));

const model = new Model({ rng });
model.add(new Dense(2, 64, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
model.add(new ReLU());
model.add(new Dropout(0.1, { rng }));
model.add(new Dense(64, 3, { rng }));
model.add(new Softmax());
model.set({
  loss: new CategoricalCrossentropy(),
  optimizer: new Adam({ learningRate: 0.05, decay: 5e-5 }),
  accuracy: new CategoricalAccuracy(),
});
model.finalize();
console.log(model.summary());

const history = model.train(X, y, {
  epochs: 2000,
  validationData: [validation.X, validation.y],
  callbacks: [new ConsoleReporter({ printEvery: 500 })],
});
console.log(`best validation accuracy: ${Math.max(...history.valAccuracy).toFixed(3)}`);
await saveModel(model, 'runs/model-api'); // model.json + weights.bin: tf.loadLayersModel reads them as they are
