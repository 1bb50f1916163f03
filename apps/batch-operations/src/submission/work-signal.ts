import { Injectable } from '@nestjs/common';

/**
 * Wakes this replica's idle workers when a batch is accepted here; other replicas find it by
 * polling (BATCH_WORKER_POLL_MS).
 */
@Injectable()
export class WorkSignal {
  private waiters: Array<() => void> = [];

  /** Resolves at the next `notify()` or after `timeoutMs`, whichever comes first. */
  wait(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.push(done);
    });
  }

  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
