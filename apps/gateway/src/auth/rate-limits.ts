import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway.config';
import { RateLimitedError } from '../http/api-errors';
import { FixedWindowLimiter } from './rate-limiter';

/**
 * The gateway's rate limits (SPEC §6): confirmation codes per client IP and per phone (against
 * SMS pumping), password attempts per client IP and per login (against guessing). Counters are
 * in memory, per gateway replica; see FixedWindowLimiter.
 */
@Injectable()
export class RateLimits {
  private readonly codeSendsPerIp: FixedWindowLimiter;
  private readonly codeSendsPerPhone: FixedWindowLimiter;
  private readonly loginsPerIp: FixedWindowLimiter;
  private readonly loginsPerLogin: FixedWindowLimiter;

  constructor(config: GatewayConfig) {
    const windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
    this.codeSendsPerIp = new FixedWindowLimiter(config.RATE_LIMIT_CODE_SENDS_PER_IP, windowMs);
    this.codeSendsPerPhone = new FixedWindowLimiter(config.RATE_LIMIT_CODE_SENDS_PER_PHONE, windowMs);
    this.loginsPerIp = new FixedWindowLimiter(config.RATE_LIMIT_LOGINS_PER_IP, windowMs);
    this.loginsPerLogin = new FixedWindowLimiter(config.RATE_LIMIT_LOGINS_PER_LOGIN, windowMs);
  }

  /** A request that sends a code to `recipient` (a phone, an address, or `member:<id>` for resends). */
  codeSend(ip: string, recipient: string): void {
    enforce(this.codeSendsPerIp.take(ip));
    enforce(this.codeSendsPerPhone.take(recipient));
  }

  /** A password attempt for `login` (a phone or card number). */
  login(ip: string, login: string): void {
    enforce(this.loginsPerIp.take(ip));
    enforce(this.loginsPerLogin.take(login));
  }
}

function enforce(decision: { allowed: true } | { allowed: false; retryAfterSeconds: number }): void {
  if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
}
