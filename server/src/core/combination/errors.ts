/** Errors thrown by the combination engine. */

/** The analysis ran past `maxMillis`, or its `signal` was aborted. Nothing is partially returned. */
export class ComboTimeoutError extends Error {
  override readonly name = 'ComboTimeoutError';
  constructor(
    /** `timeout`: the time budget ran out; `aborted`: the caller's AbortSignal fired. */
    readonly reason: 'timeout' | 'aborted',
    /** Milliseconds spent before giving up. */
    readonly elapsedMillis: number,
  ) {
    super(
      reason === 'timeout'
        ? `Combination analysis stopped after ${elapsedMillis} ms: it ran past its time budget`
        : `Combination analysis was cancelled after ${elapsedMillis} ms`,
    );
  }
}

/** The problem cannot be analysed as given (duplicate unit refs, negative or fractional credits). */
export class ComboInputError extends Error {
  override readonly name = 'ComboInputError';
}
