import {
  EmailNotificationRequestedEvent,
  InternalRoutingKey,
  NotificationEventCode,
  NotificationPurpose,
  RegistrationErrorCode,
  SmsNotificationRequestedEvent,
  toEventDateTime,
} from '@loyalty/contracts';
import { Outbox, RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RegistrationConfig } from '../config/registration.config';
import type { Member } from '../members/member.entity';
import { ConfirmationChannel, ConfirmationCode } from './confirmation-code.entity';
import { checkCode, CodeCheckOutcome, CodeSettings, generateCode, hashCode, newSalt, sendDecision } from './confirmation-rules';

/**
 * Issues and checks phone and email confirmation codes. Codes leave the service only inside a
 * `notifications.*.requested` event written to the outbox, in the transaction that stores them.
 */
@Injectable()
export class ConfirmationService {
  readonly settings: CodeSettings;

  constructor(
    private readonly config: RegistrationConfig,
    private readonly outbox: Outbox,
  ) {
    this.settings = {
      length: config.CONFIRM_CODE_LENGTH,
      ttlSeconds: config.CONFIRM_CODE_TTL_SECONDS,
      maxAttempts: config.CONFIRM_CODE_MAX_ATTEMPTS,
      resendIntervalSeconds: config.CONFIRM_CODE_RESEND_INTERVAL_SECONDS,
      dailyLimit: config.CONFIRM_CODE_DAILY_LIMIT,
    };
  }

  /**
   * Sends a new code to `destination`, unless that phone or address had one less than a minute
   * ago or ten in the last day. The member's earlier codes on the channel stop working.
   */
  async issue(manager: EntityManager, member: Member, channel: ConfirmationChannel, destination: string): Promise<void> {
    const recent: { created_at: Date }[] = await manager.query(
      `SELECT created_at FROM confirmation_code WHERE destination = $1 AND created_at > now() - interval '24 hours'`,
      [destination],
    );
    const now = new Date();
    const decision = sendDecision(
      recent.map((row) => row.created_at),
      now,
      this.settings,
    );
    if (!decision.allowed) {
      throw decision.reason === 'tooEarly'
        ? new RpcFault(RegistrationErrorCode.ConfirmCodeResendTooEarly, `Повторная отправка кода возможна через ${decision.retryAfterSeconds} с.`, {
            retryAfterSeconds: decision.retryAfterSeconds,
          })
        : new RpcFault(RegistrationErrorCode.ConfirmCodeDailyLimit, 'Превышено число отправок кода за сутки.', {
            retryAfterSeconds: decision.retryAfterSeconds,
          });
    }
    await manager.query(`UPDATE confirmation_code SET closed_at = now() WHERE member_id = $1 AND channel = $2 AND closed_at IS NULL`, [
      member.id,
      channel,
    ]);
    const code = generateCode(this.settings.length);
    const salt = newSalt();
    const expiresAt = new Date(now.getTime() + this.settings.ttlSeconds * 1000);
    await manager.insert(ConfirmationCode, {
      memberId: member.id,
      channel,
      destination,
      salt,
      codeHash: hashCode(this.config.CONFIRM_CODE_SECRET, salt, code),
      expiresAt,
      failedAttempts: 0,
      closedAt: null,
    });
    await this.requestDelivery(manager, member, channel, destination, code, expiresAt);
  }

  /**
   * Checks a code against the member's latest one for `destination`. A wrong code counts against
   * the code's attempts; the caller commits that before answering with the error.
   */
  async check(manager: EntityManager, member: Member, channel: ConfirmationChannel, destination: string, input: string): Promise<CodeCheckOutcome> {
    const latest = await manager.findOne(ConfirmationCode, {
      where: { memberId: member.id, channel },
      order: { id: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
    const stored = latest && latest.destination === destination ? latest : null;
    const outcome = checkCode(stored, input, new Date(), this.settings, this.config.CONFIRM_CODE_SECRET);
    if (stored && outcome.result === 'wrong') {
      await manager.update(ConfirmationCode, { id: stored.id }, { failedAttempts: outcome.failedAttempts });
    } else if (stored && outcome.result === 'confirmed') {
      await manager.update(ConfirmationCode, { id: stored.id }, { closedAt: new Date() });
    }
    return outcome;
  }

  private async requestDelivery(
    manager: EntityManager,
    member: Member,
    channel: ConfirmationChannel,
    destination: string,
    code: string,
    expiresAt: Date,
  ): Promise<void> {
    const minutes = Math.round(this.settings.ttlSeconds / 60);
    const common = {
      confirmCode: code,
      expiresAt: toEventDateTime(expiresAt),
      customerId: member.id,
      customerUid: member.uid,
    };
    if (channel === 'Sms') {
      const body: SmsNotificationRequestedEvent = {
        eventCode: NotificationEventCode.SmsRequested,
        purpose: NotificationPurpose.PhoneConfirmation,
        phoneNumber: destination,
        text: `Код подтверждения: ${code}. Действует ${minutes} мин. Никому его не сообщайте.`,
        ...common,
      };
      await this.outbox.add(manager, { routingKey: InternalRoutingKey.NotificationsSmsRequested, eventCode: body.eventCode, body });
      return;
    }
    const body: EmailNotificationRequestedEvent = {
      eventCode: NotificationEventCode.EmailRequested,
      purpose: NotificationPurpose.EmailConfirmation,
      email: destination,
      subject: 'Подтверждение адреса электронной почты',
      text: `Код подтверждения адреса: ${code}. Действует ${minutes} мин.`,
      ...common,
    };
    await this.outbox.add(manager, { routingKey: InternalRoutingKey.NotificationsEmailRequested, eventCode: body.eventCode, body });
  }
}

export type Rejection = Exclude<CodeCheckOutcome, { result: 'confirmed' }>;

/** The member-facing error for a code that did not confirm. */
export function codeRejection(outcome: Rejection): RpcFault {
  switch (outcome.result) {
    case 'missing':
      return new RpcFault(RegistrationErrorCode.ConfirmCodeInvalid, 'Код подтверждения не запрошен или уже использован.');
    case 'expired':
      return new RpcFault(RegistrationErrorCode.ConfirmCodeExpired, 'Срок действия кода подтверждения истёк. Запросите новый код.');
    case 'locked':
      return new RpcFault(RegistrationErrorCode.ConfirmCodeLocked, 'Превышено число попыток ввода кода. Запросите новый код.');
    case 'wrong':
      return outcome.locked
        ? new RpcFault(RegistrationErrorCode.ConfirmCodeLocked, 'Превышено число попыток ввода кода. Запросите новый код.')
        : new RpcFault(RegistrationErrorCode.ConfirmCodeInvalid, 'Неверный код подтверждения.', { attemptsLeft: outcome.attemptsLeft });
  }
}
