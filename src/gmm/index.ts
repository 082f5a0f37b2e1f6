/**
 * Gaussian mixtures for Gan & Liu's simulation (Figures 2 and 4): densities, sampling, EM fitting,
 * KL estimators, the data-generation protocol and the KL-gap experiment.
 */
export {
  createMixture,
  prepareMixture,
  mixtureLogDensity,
  mixtureDensity,
  sampleGmm,
  mixtureMoments,
  checkPointSet,
  choleskyInto,
  type GaussianMixture,
  type PreparedMixture,
} from './mixture';
export { kmeans, kmeansPlusPlus, type KMeansResult, type KMeansOptions } from './kmeans';
export { fitGmm, type EmOptions, type GmmFit } from './em';
export {
  klPaperHistogram,
  klSharedHistogram,
  klMonteCarlo,
  klGaussians,
  compareKlEstimators,
  type KlEstimatorComparison,
  histogram2,
  histogramPairKl,
  type Histogram2,
  type HistogramKlOptions,
  type MonteCarloKl,
} from './kl';
export {
  gmmGroundTruth,
  gmmAnchorData,
  gmmGenerator,
  gmmSyntheticData,
  drawRandomComponents,
  GMM_MEAN_SCALE,
  GENERATOR_REG,
  type AnchorData,
} from './generation';
export {
  klGapRepetition,
  klGapRepetitions,
  drawGmmScenario,
  validateKlGapParams,
  KL_GAP_DEFAULTS,
  KL_ESTIMATORS,
  type KlGapParams,
  type KlGapRepetition,
  type KlEstimatorName,
  type GapEstimate,
  type GmmScenario,
} from './kl-gap';
export {
  klGapSweep,
  klGapTrends,
  type KlGapTrend,
  type KlGapSweepOptions,
  type KlGapSweepResult,
  type KlGapPoint,
  type KlGapVariable,
} from './kl-gap-sweep';
export { covarianceEllipse } from './ellipse';
