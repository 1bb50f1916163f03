import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ReadinessCheck } from './readiness-check';
import { ShutdownState } from './shutdown-state';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

export interface HealthOptions {
  /** How long one check may take before it counts as failed. */
  checkTimeoutMs: number;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, boolean>;
  reason?: string;
}

/**
 * Kubernetes probes. Liveness only says the event loop answers — a broken dependency must not get
 * the pod restarted. Readiness runs every registered check in parallel, each time-boxed, so the
 * probe answers within `checkTimeoutMs` even when a dependency hangs.
 */
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');
  private readonly lastResults = new Map<string, boolean>();

  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.evaluate();
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  async evaluate(): Promise<HealthReport> {
    if (this.shutdown.isShuttingDown) return { status: 'unavailable', checks: {}, reason: 'shutting down' };
    const results = await Promise.all(this.checks.map((check) => this.run(check)));
    const checks: Record<string, boolean> = {};
    this.checks.forEach((check, index) => (checks[check.name] = results[index]));
    return { status: results.every(Boolean) ? 'ok' : 'unavailable', checks };
  }

  private async run(check: ReadinessCheck): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.options.checkTimeoutMs);
    });
    let failure: unknown;
    const outcome = Promise.resolve()
      .then(() => check.isReady())
      .then(
        (ready) => ready === true,
        (error: unknown) => {
          failure = error;
          return false;
        },
      );
    const ready = await Promise.race([outcome, timeout]).finally(() => clearTimeout(timer));
    this.reportChange(check.name, ready, failure);
    return ready;
  }

  /** Probes run every few seconds; only a change of state is worth a log line. */
  private reportChange(name: string, ready: boolean, failure: unknown): void {
    const previous = this.lastResults.get(name);
    this.lastResults.set(name, ready);
    if (previous === ready || (previous === undefined && ready)) return;
    if (ready) this.logger.log({ msg: `Readiness check "${name}" recovered`, check: name });
    else this.logger.warn({ msg: `Readiness check "${name}" failed`, check: name, err: failure ?? 'no answer or not ready' });
  }
}
