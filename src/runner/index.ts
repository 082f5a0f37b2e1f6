/**
 * Edge: the notebook runner's programmatic API (used by `synthrmt run` and `synthrmt reports`).
 * See ./run.ts for the behaviour, ./kernel.ts for the kernel protocol.
 */
export { runNotebooks, prepareNotebooks, describeFailure, type RunOptions, type RunSummary, type RunRecord, type RunStatus, type RunError } from './run';
export { Kernel, KernelStartError, liveKernelPids, type ExecuteOutcome, type ExecuteStatus } from './kernel';
export { readNotebook, parseNotebook, writeNotebook, NotebookFormatError, type Notebook, type Cell, type Output } from '../io/nbformat';
export { ParameterError, parseParameterArgs } from './parameters';
export { autoProgress, lineProgress, ttyProgress, silentProgress, type ProgressReporter } from './progress';
