import {
  CustomerAttributeUpdatedEvent,
  CustomerProfilesMergedEvent,
  EventCode,
  RegistrationBeganEvent,
  RegistrationFinishedEvent,
  RoutingKey,
  toEventDateTime,
  UserAttributeType,
} from '@loyalty/contracts';
import { Outbox } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Member } from './member.entity';
import { customerInfoOf } from './members';

/** Ids of the attributes that are not questionnaire answers (answers use 100 + question id). */
export const SystemAttribute = {
  AcceptTenderOffer: { code: 'AcceptTenderOffer', id: 1, type: UserAttributeType.System },
  Email: { code: 'Email', id: 2, type: UserAttributeType.Notifier },
  Phone: { code: 'Phone', id: 3, type: UserAttributeType.Notifier },
} as const;

export interface AttributeChange {
  attributeCode: string;
  userAttributeType: UserAttributeType;
  attributeId: number;
  oldValue: string | null;
  newValue: string;
}

/**
 * The SMC events of the registration service. Each goes into the outbox of the transaction that
 * made the change, so a change is never published without being stored, or stored without being
 * published.
 */
@Injectable()
export class MemberEvents {
  constructor(private readonly outbox: Outbox) {}

  async registrationBegan(manager: EntityManager, member: Member, applicationId: number | null | undefined): Promise<void> {
    const body: RegistrationBeganEvent = { eventCode: EventCode.OnBeginRegistration, customerInfo: customerInfoOf(member, applicationId) };
    await this.outbox.add(manager, { routingKey: RoutingKey.CustomerRegistrationBegin, eventCode: body.eventCode, body });
  }

  async registrationFinished(manager: EntityManager, member: Member, applicationId: number | null | undefined): Promise<void> {
    const body: RegistrationFinishedEvent = { eventCode: EventCode.OnEndRegistration, customerInfo: customerInfoOf(member, applicationId) };
    await this.outbox.add(manager, { routingKey: RoutingKey.CustomerRegistrationFinish, eventCode: body.eventCode, body });
  }

  /** `customer.profile.merge`: `from` was merged into `to` (the cards and balance services follow it). */
  async profilesMerged(manager: EntityManager, from: Member, to: Member, applicationId: number | null | undefined): Promise<void> {
    const body: CustomerProfilesMergedEvent = {
      fromCustomerInfo: customerInfoOf(from, applicationId),
      toCustomerInfo: customerInfoOf(to, applicationId),
      eventCode: EventCode.MergeCustomersProfiles,
    };
    await this.outbox.add(manager, { routingKey: RoutingKey.CustomerProfileMerge, eventCode: body.eventCode, body });
  }

  /** One `customer.attribute.update` per change; the changes of one action share its activityUid. */
  async attributesUpdated(manager: EntityManager, member: Member, applicationId: number | null | undefined, changes: AttributeChange[]): Promise<void> {
    if (changes.length === 0) return;
    const activityUid = randomUUID();
    const changeDateTime = toEventDateTime(new Date());
    // The seed's attribute example shows mobileDeviceId as "" rather than null.
    const customerInfo = customerInfoOf(member, applicationId, '');
    await this.outbox.addMany(
      manager,
      changes.map((change) => {
        const body: CustomerAttributeUpdatedEvent = {
          fromBatchOperation: false,
          ...change,
          changeDateTime,
          activityUid,
          eventCode: EventCode.OnCustomerAttributeUpdate,
          customerInfo,
        };
        return { routingKey: RoutingKey.CustomerAttributeUpdate, eventCode: body.eventCode, body };
      }),
    );
  }
}
