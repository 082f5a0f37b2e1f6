/** MNIST experiments of El Firdoussi et al. (Figures 5 and 7): pure core, data passed in. */
export {
  MNIST_SIDE,
  MNIST_PIXELS,
  MNIST_CLASSES,
  checkDigits,
  classIndices,
  classCounts,
  selectDigits,
  splitMnist,
  poolClassSize,
  poolClassImages,
  type MnistDigits,
  type MnistSplit,
} from './data';
export {
  fitClassGaussian,
  fitClassMeanOnly,
  generatorCovariance,
  sampleClassGaussian,
  sampleClassGaussianInto,
  sampleClassGaussianMany,
  type ClassGaussian,
} from './generator';
export { shareCount, noisyLabel, applyLabelNoise } from './label-noise';
export { pruneSynthetic, type PruneResult } from './pruning';
export { SparseRowsBuilder, toSparseRows, denseRow, type SparseRows } from './inputs';
export {
  PAPER_SGD,
  checkSgdSettings,
  learningRate,
  initMlp,
  mlpLossAndGradient,
  mlpLoss,
  trainMlp,
  mlpPredict,
  classificationAccuracy,
  type Mlp,
  type MlpGradient,
  type SgdSettings,
  type TrainingTrace,
} from './network';
export { fitRidgeClassifier, ridgeScores, ridgePredict, type RidgeClassifier } from './ridge';
export {
  checkTrainingJob,
  classGenerator,
  testInputs,
  buildTrainingSet,
  runTrainingJob,
  SyntheticStreams,
  type GeneratorSpec,
  type TrainingSettings,
  type TrainingJob,
  type TrainingResult,
} from './experiment';
export { sampleGrid, covarianceSpectrum, type SampleRow, type SampleGridOptions } from './samples';
export { parseFig7Published, type PublishedAccuracy } from './published';
