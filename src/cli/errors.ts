/** The domain errors the CLI maps to exit statuses (defined below the CLI, in src/io/errors.ts). */
export { UsageError } from '../io/errors';
