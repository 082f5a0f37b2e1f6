/**
 * Figures 1–4 of El Firdoussi et al. (2025), re-exported for the core's public API (../index.ts):
 * the FigureDefs `fig1`…`fig4`, their compute functions, data types and building blocks.
 */
export * from './fig1-marchenko-pastur';
export * from './fig2-fixed-points';
export * from './fig3-accuracy';
export * from './fig4-phase-transition';
