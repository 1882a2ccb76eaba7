/**
 * A counting semaphore: at most `size` holders at once, the others waiting in the order they came.
 * Used where work in flight costs memory rather than time (graphql/sql-executor.ts, heavy answers).
 */
export class Slots {
  #inUse = 0;
  #peak = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`slots: expected a positive integer, got ${size}`);
  }

  /** Resolves with the slot's release (calling it more than once releases once) when a slot is free. */
  async take(): Promise<() => void> {
    if (this.#inUse < this.size) this.#hold();
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // handed straight to the next in line: the count stays
      if (next) next();
      else this.#inUse--;
    };
  }

  #hold(): void {
    this.#inUse++;
    if (this.#inUse > this.#peak) this.#peak = this.#inUse;
  }

  /** Slots held now, the most held at once since the last reset, and how many wait. */
  stats(): { size: number; inUse: number; peak: number; waiting: number } {
    return { size: this.size, inUse: this.#inUse, peak: this.#peak, waiting: this.#waiting.length };
  }

  resetPeak(): void {
    this.#peak = this.#inUse;
  }
}
