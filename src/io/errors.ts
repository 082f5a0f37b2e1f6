/**
 * Domain errors of the services (runner, render, io): the library throws them, and only the
 * command line (src/cli/main.ts) maps them to exit statuses (a `UsageError` to 2, no stack trace).
 */

/** Bad input from the user: a bad flag, value, file or folder. The CLI prints it and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
