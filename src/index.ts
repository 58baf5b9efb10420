// scratchnet's public API, everything that runs anywhere (Node and browsers). In Node, the package's
// entry is node.ts: this plus what reads and writes files. Importing it installs the speed wing
// (src/accel/): WebAssembly and threaded kernels that give the reference loops' results bit for bit.
import { installAcceleration } from './accel/install.ts';

installAcceleration();

export {
  KERNEL_BACKENDS,
  type KernelBackend,
  kernelBackend,
  setKernelBackend,
} from './accel/matmul/kernel-backend.ts';
export {
  MATMUL_PRECISIONS,
  type MatmulPrecision,
  matmulPrecision,
  setMatmulPrecision,
} from './accel/matmul/matmul-precision.ts';
export {
  availableCores,
  type KernelThreadOptions,
  kernelThreads,
  setKernelThreads,
} from './accel/threads/kernel-team.ts';
export { circleData } from './data/circle.ts';
export {
  CLASS_DATASETS,
  type ClassDatasetMaker,
  type ClassDatasetName,
  isClassDatasetName,
} from './data/class-datasets.ts';
export {
  applyFeatures,
  FEATURE_NAMES,
  type FeatureName,
  featureInputs,
  featureRow,
  requireFeatures,
  savedFeatures,
} from './data/features.ts';
export { formatFloat32 } from './data/format-float32.ts';
export { gaussianData } from './data/gaussian.ts';
export {
  FASHION_MNIST_CLASSES,
  type ImageSet,
  type ImageSplit,
  stratifiedSplit,
  toInputs,
} from './data/image-set.ts';
export { type ImageInput, type ImageToInputOptions, imageToInput } from './data/image-to-input.ts';
export { multiGaussianData } from './data/multi-gaussian.ts';
export { planeData } from './data/plane.ts';
export { type BookNoiseOptions, DEFAULT_POINT_NOISE, type PointNoiseOptions } from './data/point-noise.ts';
export {
  isRegressionDatasetName,
  REGRESSION_DATASETS,
  type RegressionDatasetMaker,
  type RegressionDatasetName,
} from './data/regression-datasets.ts';
export { type SineDataOptions, sineData } from './data/sine.ts';
export { SPIRAL_NOISE, spiralData } from './data/spiral.ts';
export { VERTICAL_NOISE, verticalData } from './data/vertical.ts';
export { xorData } from './data/xor.ts';
export { type ErrorCode, ScratchnetError } from './errors/scratchnet-error.ts';
export {
  type GradientCheckOptions,
  type GradientCheckResult,
  type GradientComparison,
  gradientCheck,
} from './gradcheck/gradient-check.ts';
export {
  fromLayersModelArtifacts,
  type LayersModelArtifacts,
  type LayersModelJson,
  toLayersModelArtifacts,
} from './io/tfjs-artifacts.ts';
export {
  LeakyReLU,
  type LeakyReLUOptions,
  Linear,
  ReLU,
  Sigmoid,
  Softmax,
  Tanh,
} from './layers/activations.ts';
export { Dense, type DenseOptions } from './layers/dense.ts';
export { Dropout, type DropoutOptions } from './layers/dropout.ts';
export type { Layer } from './layers/layer.ts';
export { Parameter } from './layers/parameter.ts';
export {
  type PenaltyTerm,
  type RegularizationLoss,
  regularizationLoss,
} from './layers/regularization-loss.ts';
export { BinaryCrossentropy } from './losses/binary-crossentropy.ts';
export { CategoricalCrossentropy, type CategoricalTargets } from './losses/categorical-crossentropy.ts';
export { Loss } from './losses/loss.ts';
export { MeanAbsoluteError } from './losses/mean-absolute-error.ts';
export { MeanSquaredError } from './losses/mean-squared-error.ts';
export { SoftmaxCategoricalCrossentropy } from './losses/softmax-crossentropy.ts';
export type { ClassLabels } from './losses/targets.ts';
export {
  type Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  RegressionAccuracy,
} from './metrics/accuracy.ts';
export { confusionMatrix, formatConfusionMatrix, predictedClasses } from './metrics/confusion-matrix.ts';
export { BookModelReporter, type BookModelReporterOptions } from './model/book-model-reporter.ts';
export {
  buildNetwork,
  type HiddenActivation,
  type NetworkSpec,
  type NetworkTask,
  type OptimizerName,
  type PerDenseLayer,
} from './model/build-network.ts';
export type { BatchLogs, EpochLogs, TrainingCallback } from './model/callbacks.ts';
export { Classifier, type ClassifierOptions, classifier } from './model/classifier.ts';
export { ConsoleReporter, type ConsoleReporterOptions } from './model/console-reporter.ts';
export { History, type HistoryData } from './model/history.ts';
export type { Evaluation } from './model/inference.ts';
export { Model, type ModelOptions } from './model/model.ts';
export type { InputData, ShapedArray, TargetData } from './model/model-data.ts';
export type {
  ActivationDescription,
  ActivationName,
  DenseDescription,
  DropoutDescription,
  LayerDescription,
  LossName,
  ModelDescription,
  OptimizerDescription,
} from './model/model-description.ts';
export type { ModelParameters, ParameterValues } from './model/model-parameters.ts';
export type { ModelTargets } from './model/model-targets.ts';
export type { ModelSettings } from './model/objective.ts';
export type {
  BatchOptions,
  EarlyStoppingOptions,
  MonitoredMetric,
  TrainOptions,
} from './model/train-options.ts';
export type { TrainingState } from './model/training-state.ts';
export { type HeldOutSplit, splitValidation } from './model/validation-split.ts';
export { Adagrad, type AdagradOptions } from './optimizers/adagrad.ts';
export { Adam, type AdamOptions } from './optimizers/adam.ts';
export { Optimizer, type OptimizerState } from './optimizers/optimizer.ts';
export { RMSprop, type RMSpropOptions } from './optimizers/rmsprop.ts';
export { SGD, type SGDOptions } from './optimizers/sgd.ts';
export { Regularizer } from './regularizers/regularizer.ts';
export { type EpochReport, formatEpochLine, formatValidationLine } from './report/book-log.ts';
export {
  formatEpochHeader,
  formatStepLine,
  formatTrainingLine,
  type ModelLogReport,
} from './report/book-model-log.ts';
export { defaultGenerator, seed, setDefaultGenerator } from './tensor/default-generator.ts';
export { type DType, type FloatArray, Matrix } from './tensor/matrix.ts';
export { type MutableArrayLike, RandomState, type RandomStateSnapshot } from './tensor/random.ts';
