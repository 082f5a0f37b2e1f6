/** A command-line usage error: bad flag or value. The CLI prints it and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
