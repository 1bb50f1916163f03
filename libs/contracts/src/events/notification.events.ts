import { IntegerValue, OneOf, PresentOrNull, Required, Text, UtcDateTime, Uuid } from '../validation/fields';
import { EventBody } from './event-body';

/**
 * Internal requests to deliver a message to a member (`notifications.sms.requested`,
 * `notifications.email.requested`). A delivery adapter consumes them; they carry confirmation
 * codes in clear, so they must never be bound to the SMC queue.
 */

export const NotificationEventCode = {
  SmsRequested: 'SmsNotificationRequested',
  EmailRequested: 'EmailNotificationRequested',
} as const;
export type NotificationEventCode = (typeof NotificationEventCode)[keyof typeof NotificationEventCode];

export const NotificationPurpose = {
  PhoneConfirmation: 'PhoneConfirmation',
  EmailConfirmation: 'EmailConfirmation',
} as const;
export type NotificationPurpose = (typeof NotificationPurpose)[keyof typeof NotificationPurpose];

abstract class NotificationRequestedEvent extends EventBody {
  @Required()
  @OneOf(Object.values(NotificationPurpose))
  purpose: NotificationPurpose;

  /** Rendered default text; an adapter with its own templates uses `purpose` and `confirmCode`. */
  @Required()
  @Text()
  text: string;

  @PresentOrNull()
  @Text()
  confirmCode: string | null;

  /** When the code stops working; null for messages without a code. */
  @PresentOrNull()
  @UtcDateTime()
  expiresAt: string | null;

  @Required()
  @IntegerValue()
  customerId: number;

  @Required()
  @Uuid()
  customerUid: string;
}

export class SmsNotificationRequestedEvent extends NotificationRequestedEvent {
  @Required()
  @OneOf([NotificationEventCode.SmsRequested])
  eventCode: typeof NotificationEventCode.SmsRequested;

  /** Digits only, E.164 without `+`. */
  @Required()
  @Text()
  phoneNumber: string;
}

export class EmailNotificationRequestedEvent extends NotificationRequestedEvent {
  @Required()
  @OneOf([NotificationEventCode.EmailRequested])
  eventCode: typeof NotificationEventCode.EmailRequested;

  @Required()
  @Text()
  email: string;

  @Required()
  @Text()
  subject: string;
}
