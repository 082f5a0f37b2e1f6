/**
 * synthrmt's core: pure, typed, I/O-free. Math in, numbers out.
 * Notebooks import this module (built: dist/src/index.js) and ./notebook for display helpers.
 */
export { Rng } from './random/rng';
export { zigguratNormal, zigguratNormals, zigguratFill } from './random/ziggurat';
export { serialExecutor, taskHandle, type Executor, type TaskHandle } from './sim/executor';
export { PALETTE, THEME, PAPER_WIDTH_PT, panelWidth, paperFigure, type PaperSize } from './plot/theme';
export { figures, getFigure } from './figures/index';
export type { FigureDef, ComputeContext, FigureData, GreyImage, ParamKind, ParamSchema, ParamSpec } from './figures/figure-def';
export * from './rmt/index';
export * from './linalg/index';
export * from './sim/index';
export * from './gmm/index';
export * from './mnist/index';
// Figures 1–4 of El Firdoussi et al. (2025): FigureDefs, compute functions, data types, building blocks.
export * from './figures/fig1-marchenko-pastur';
export * from './figures/fig2-fixed-points';
export * from './figures/fig3-accuracy';
export * from './figures/fig4-phase-transition';
// The mixing weight β (issue 11): figures weight, weight-map, weight-share and their simulation protocol.
export * from './figures/mixing-protocol';
export * from './figures/weight-accuracy';
export * from './figures/weight-map';
export * from './figures/weight-share';
