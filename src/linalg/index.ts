/** Linear algebra on Float64Array (flat storage; see each module for its layout). */
export { choleskyInPlace, cholesky, semidefiniteCholesky } from './cholesky';
export {
  solveLower,
  solveLowerTranspose,
  lowerTimesLower,
  lowerGram,
  lowerTimesVector,
  mirrorLower,
  isLowerTrapezoidal,
} from './triangular';
export {
  weightedGram,
  matVec,
  matTVec,
  squareTimesVector,
  dot,
  addSymmetricOuterLower,
  addOuterLower,
} from './kernels';
export { solveWithCholesky, solveSpd } from './spd';
export { symmetricEigen, symmetricEigenvalues, covarianceFactor, type SymmetricEigen } from './eigen';
