import { Injectable, type BeforeApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';

/**
 * Flips once the application starts closing, so readiness fails and the load balancer stops
 * routing new requests while in-flight ones finish. `onModuleDestroy` is the first hook Nest runs
 * on close; `beforeApplicationShutdown` is kept as well for contexts that skip destroy hooks.
 */
@Injectable()
export class ShutdownState implements OnModuleDestroy, BeforeApplicationShutdown {
  private closing = false;

  get isShuttingDown(): boolean {
    return this.closing;
  }

  markShuttingDown(): void {
    this.closing = true;
  }

  onModuleDestroy(): void {
    this.markShuttingDown();
  }

  beforeApplicationShutdown(): void {
    this.markShuttingDown();
  }
}
