/**
 * Edge: the report renderer's programmatic API (used by `synthrmt render`, `synthrmt reports`,
 * `synthrmt figure`, the benchmarks and the tests).
 */
export { renderReports, listExecuted, type RenderOptions, type RenderResult, type RenderedPage } from './build';
export { runFigure, resolveFigure, type FigureRun, type RunFigureOptions } from './run-figure';
export { exportFigureFiles, paperSvg, figureDataJson, PNG_DPI, type FigureExportInput, type FigureExportOptions } from './figure-export';
export { openBrowser, findChromium, printPdf, pdfLayout, type PdfLayout, ChromiumMissingError, EXIT_NO_CHROMIUM, CHROMIUM_ARGS, PAPER_FORMATS, type BrowserHandle, type PaperFormat } from './pdf';
export { renderNotebook, type RenderedNotebook, type RunInfo, type FigureOutput } from './notebook-html';
export { loadTemplate, DEFAULT_TEMPLATE_DIR, TEMPLATE_FILES, type Template } from './templates';
export { vegaLiteToSvg, inlineSvg, type StaticSvg } from './vega-svg';
export { interactiveSpec } from './vega-interactive';
export { createMarkdown, highlightCode } from './markdown';
export { renderTex, mathPlugin } from './math';
export { encodeGreyPng, encodeImageGrid, pngSize, setPngDensity } from './png';
export { writeFileAtomic } from '../io/fs-atomic';
