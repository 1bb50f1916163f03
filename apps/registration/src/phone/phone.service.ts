import { PhoneNumberReply, RegistrationErrorCode, SessionGrant, UserActionType } from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { codeRejection, ConfirmationService, Rejection } from '../confirmation/confirmation.service';
import { MemberEvents, SystemAttribute } from '../members/member-events';
import { MemberIdentifier } from '../members/member-identifier.entity';
import { Member } from '../members/member.entity';
import { loadMember, lockMember, nextTokenVersion, phoneTakenByAnother } from '../members/members';
import { maskPhone } from '../members/phone-mask';
import { RegistrationSteps } from '../registration-flow/registration-steps';

/** The ChangePhone step: a number to confirm, its SMS code, and the confirmation. */
@Injectable()
export class PhoneService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: RegistrationSteps,
    private readonly confirmation: ConfirmationService,
    private readonly events: MemberEvents,
  ) {}

  async get(memberId: number): Promise<PhoneNumberReply> {
    const member = await loadMember(this.dataSource.manager, memberId);
    return {
      currentPhoneNumber: member.phone ? maskPhone(member.phone) : '',
      newPhoneNumber: { phoneNumber: member.pendingPhone ? maskPhone(member.pendingPhone) : null },
      confirmCodeLength: this.confirmation.settings.length,
    };
  }

  /** A new or corrected number: it replaces the one waiting for confirmation and gets a code. */
  async set(memberId: number, phoneNumber: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await lockMember(manager, memberId);
      this.steps.ensureOpen(member, UserActionType.ChangePhone);
      await this.ensureFree(manager, phoneNumber, memberId);
      await manager.update(Member, { id: memberId }, { pendingPhone: phoneNumber });
      await this.confirmation.issue(manager, member, 'Sms', phoneNumber);
    });
  }

  async sendCode(memberId: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await lockMember(manager, memberId);
      this.steps.ensureOpen(member, UserActionType.ChangePhone);
      await this.confirmation.issue(manager, member, 'Sms', pendingPhoneOf(member));
    });
  }

  /**
   * Confirms the waiting number with its code and issues a new token. A wrong code is counted
   * (and committed) before the error goes back.
   */
  async confirm(memberId: number, code: string, applicationId: number | null | undefined): Promise<SessionGrant> {
    const result = await this.dataSource.transaction(async (manager): Promise<{ rejected?: Rejection; grant?: SessionGrant }> => {
      const member = await lockMember(manager, memberId);
      this.steps.ensureOpen(member, UserActionType.ChangePhone);
      const phone = pendingPhoneOf(member);
      const outcome = await this.confirmation.check(manager, member, 'Sms', phone, code);
      if (outcome.result !== 'confirmed') return { rejected: outcome };
      await this.ensureFree(manager, phone, memberId);
      await this.recordIdentifier(manager, member, phone);
      const oldValue = member.phone;
      await manager.update(Member, { id: memberId }, { phone, pendingPhone: null, phoneConfirmedAt: new Date() });
      const tokenVersion = await nextTokenVersion(manager, member);
      const attribute = SystemAttribute.Phone;
      await this.events.attributesUpdated(manager, member, applicationId, [
        { attributeCode: attribute.code, userAttributeType: attribute.type, attributeId: attribute.id, oldValue, newValue: phone },
      ]);
      return { grant: { memberId, tokenVersion } };
    });
    if (result.rejected) throw codeRejection(result.rejected);
    return result.grant as SessionGrant;
  }

  private async ensureFree(manager: EntityManager, phone: string, memberId: number): Promise<void> {
    if (await phoneTakenByAnother(manager, phone, memberId)) {
      throw new RpcFault(RegistrationErrorCode.PhoneNumberInUse, 'Этот номер телефона уже используется другим участником.');
    }
  }

  /** The confirmed number becomes a login: it replaces the phone login, or joins a card login. */
  private async recordIdentifier(manager: EntityManager, member: Member, phone: string): Promise<void> {
    const login = await manager.findOne(MemberIdentifier, { where: { id: member.loginIdentifierId ?? -1 } });
    if (login?.kind === 'Phone') {
      if (login.value !== phone) await manager.update(MemberIdentifier, { id: login.id }, { value: phone });
      return;
    }
    await manager.query(`INSERT INTO member_identifier (member_id, kind, value) VALUES ($1, 'Phone', $2) ON CONFLICT (value) DO NOTHING`, [
      member.id,
      phone,
    ]);
  }
}

function pendingPhoneOf(member: Member): string {
  if (!member.pendingPhone) throw new RpcFault(RegistrationErrorCode.StepNotAvailable, 'Нет номера телефона, ожидающего подтверждения.');
  return member.pendingPhone;
}
