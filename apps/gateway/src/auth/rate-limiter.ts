/**
 * Fixed-window counters kept in this process's memory. Good enough for one gateway replica; with
 * several, each counts on its own, so the effective limit is the limit times the replicas (the
 * registration service's per-phone code rules are stored in its database and hold regardless).
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { count: number; resetsAt: number }>();
  private calls = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request for `key`; refused requests are counted too (they cost nothing more). */
  take(key: string, now = Date.now()): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetsAt <= now) {
      window = { count: 0, resetsAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.ceil((window.resetsAt - now) / 1000) };
  }

  /** Drops finished windows now and then, so the map does not grow with every IP ever seen. */
  private sweep(now: number): void {
    this.calls += 1;
    if (this.calls % 1000 !== 0) return;
    for (const [key, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(key);
  }
}
