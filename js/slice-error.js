/**
 * The error `loadSlice` (and `gate.slice`) throw: bytes that are not a slice
 * this version reads (truncated, corrupted, of another format version), or a
 * slice of a user the snapshot does not have.
 */
export class SliceError extends Error {
  /**
   * @param {string} message
   * @param {'not_a_slice' | 'version' | 'truncated' | 'corrupt' | 'malformed' | 'unknown_user'} kind
   */
  constructor(message, kind) {
    super(message);
    this.name = 'SliceError';
    /** What is wrong, as data. */
    this.kind = kind;
  }
}

/**
 * Gives an error thrown by the wasm the `SliceError` class.
 * @param {unknown} error
 * @returns {unknown}
 */
export function asSliceError(error) {
  if (error instanceof Error && error.name === 'SliceError' && !(error instanceof SliceError)) {
    Object.setPrototypeOf(error, SliceError.prototype);
  }
  return error;
}
