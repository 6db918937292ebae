/** Time budget and cancellation of the engine's searches. */
import { ComboTimeoutError } from './errors.js';

/** Internal switch for tests: force a single forward pass or a split run (see solve). */
export type Strategy = 'auto' | 'single' | 'split';

export interface EngineOptions {
  signal?: AbortSignal;
  /** Give up (ComboTimeoutError) after this many milliseconds. */
  maxMillis?: number;
  /** Internal (tests): force a single forward pass or a split run; results are the same. */
  strategy?: Strategy;
  /** Internal (tests): check every state value against its layer's key range. */
  checkKeys?: boolean;
}

/** Checks the time budget and the abort signal every 1024 ticks. */
export class Guard {
  private readonly start = Date.now();
  private readonly deadline: number;
  private ticks = 0;
  /** Check state values against key ranges (options.checkKeys). */
  readonly checkKeys: boolean;
  constructor(private readonly options: EngineOptions = {}) {
    this.checkKeys = options.checkKeys === true;
    const ms = options.maxMillis;
    this.deadline = typeof ms === 'number' && ms >= 0 ? this.start + ms : Number.POSITIVE_INFINITY;
    this.check();
  }
  tick(): void {
    if ((++this.ticks & 1023) === 0) this.check();
  }
  check(): void {
    if (this.options.signal?.aborted) throw new ComboTimeoutError('aborted', Date.now() - this.start);
    if (this.deadline !== Number.POSITIVE_INFINITY && Date.now() > this.deadline) {
      throw new ComboTimeoutError('timeout', Date.now() - this.start);
    }
  }
}
