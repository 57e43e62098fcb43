/**
 * The error `Rolegate.load` and `Rolegate.fromJson` throw for a snapshot that
 * breaks the model, with every problem found at once.
 */
export class SnapshotError extends Error {
  /**
   * @param {string} message
   * @param {import('./rolegate.js').Problem[]} problems
   */
  constructor(message, problems) {
    super(message);
    this.name = 'SnapshotError';
    /** Every problem, each with its JSON path, in document order. */
    this.problems = problems;
  }
}

/**
 * Gives an error thrown by the wasm loader the `SnapshotError` class.
 * @param {unknown} error
 * @returns {unknown}
 */
export function asSnapshotError(error) {
  if (error instanceof Error && error.name === 'SnapshotError' && !(error instanceof SnapshotError)) {
    Object.setPrototypeOf(error, SnapshotError.prototype);
  }
  return error;
}
