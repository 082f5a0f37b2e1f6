/** MNIST experiments of El Firdoussi et al. (Figures 5 and 7): pure core, data passed in. */
export {
  MNIST_SIDE,
  MNIST_PIXELS,
  MNIST_CLASSES,
  checkDigits,
  classIndices,
  classCounts,
  selectDigits,
  mnistSplit,
  poolClassSize,
  poolClassImages,
  type MnistDigits,
  type MnistSplit,
} from './data';
export {
  activeCovariance,
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
export { PAPER_SGD, checkSgdSettings, learningRate, type SgdSettings } from './schedule';
export { initMlp, mlpPredict, classificationAccuracy, type Mlp, type MlpGradient } from './model';
export { mlpLossAndGradient, mlpLoss, trainMlp, type TrainingTrace, type MlpBackend } from './training';
export { simdAvailable } from './simd-engine';
export { fitRidgeClassifier, ridgeScores, ridgePredict, type RidgeClassifier } from './ridge';
export {
  checkTrainingJob,
  classGenerator,
  inputScaleFactor,
  syntheticDesign,
  testInputs,
  buildTrainingSet,
  runTrainingJob,
  SyntheticStreams,
  type GeneratorSpec,
  type InputScale,
  type TrainingSettings,
  type TrainingJob,
  type TrainingResult,
} from './experiment';
export { sampleGrid, covarianceSpectrum, type SampleRow, type SampleGridOptions } from './samples';
export { parseFig7Published, type PublishedAccuracy } from './published';
