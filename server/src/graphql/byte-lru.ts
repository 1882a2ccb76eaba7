/**
 * A least-recently-used map bounded by the bytes of what it holds, not by its number
 * of entries: the SQL lane's validated documents and the SQL executor's statements are
 * made from what requests send, so a count bound let 510 large requests take a server
 * from 103 to 748 MB for good (issue 18). Sizes are estimates the caller gives (the
 * UTF-16 length of the texts an entry keeps, times two); an entry larger than
 * `maxEntryBytes` is not kept at all, so one huge request cannot flush the cache.
 */
export interface ByteLruStats {
  entries: number;
  bytes: number;
  maxBytes: number;
}

export class ByteLru<K, V> {
  readonly #map = new Map<K, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(
    readonly maxBytes: number,
    readonly maxEntryBytes = Math.max(1, Math.floor(maxBytes / 16)),
  ) {}

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const entry = this.#map.get(key);
    if (!entry) return undefined;
    this.#map.delete(key);
    this.#map.set(key, entry);
    return entry.value;
  }

  /** Keeps the value unless it is larger than an entry may be; forgets the least recently used until the total fits. */
  set(key: K, value: V, bytes: number): void {
    const old = this.#map.get(key);
    if (old) {
      this.#map.delete(key);
      this.#bytes -= old.bytes;
    }
    if (bytes > this.maxEntryBytes || bytes > this.maxBytes) return;
    this.#map.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#map) {
      if (this.#bytes <= this.maxBytes) break;
      this.#map.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  clear(): void {
    this.#map.clear();
    this.#bytes = 0;
  }

  stats(): ByteLruStats {
    return { entries: this.#map.size, bytes: this.#bytes, maxBytes: this.maxBytes };
  }
}
