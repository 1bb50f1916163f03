import { EmailReply, RegistrationErrorCode, UserActionType } from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { codeRejection, ConfirmationService } from '../confirmation/confirmation.service';
import { MemberEvents, SystemAttribute } from '../members/member-events';
import { Member } from '../members/member.entity';
import { loadMember, lockMember } from '../members/members';
import { RegistrationSteps } from '../registration-flow/registration-steps';

/** The ChangeEmail step: an address, its code by email, and the confirmation (no new token). */
@Injectable()
export class EmailService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: RegistrationSteps,
    private readonly confirmation: ConfirmationService,
    private readonly events: MemberEvents,
  ) {}

  async get(memberId: number): Promise<EmailReply> {
    const member = await loadMember(this.dataSource.manager, memberId);
    return {
      currentEmail: member.email,
      newEmail: { email: member.pendingEmail },
      confirmCodeLength: this.confirmation.settings.length,
    };
  }

  async set(memberId: number, rawEmail: string): Promise<void> {
    const email = normalizeEmail(rawEmail);
    await this.dataSource.transaction(async (manager) => {
      const member = await lockMember(manager, memberId);
      this.steps.ensureOpen(member, UserActionType.ChangeEmail);
      await this.ensureFree(manager, email, memberId);
      await manager.update(Member, { id: memberId }, { pendingEmail: email });
      await this.confirmation.issue(manager, member, 'Email', email);
    });
  }

  async sendCode(memberId: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await lockMember(manager, memberId);
      this.steps.ensureOpen(member, UserActionType.ChangeEmail);
      await this.confirmation.issue(manager, member, 'Email', pendingEmailOf(member));
    });
  }

  async confirm(memberId: number, code: string, applicationId: number | null | undefined): Promise<void> {
    const rejected = await this.dataSource.transaction(async (manager) => {
      const member = await lockMember(manager, memberId);
      this.steps.ensureOpen(member, UserActionType.ChangeEmail);
      const email = pendingEmailOf(member);
      const outcome = await this.confirmation.check(manager, member, 'Email', email, code);
      if (outcome.result !== 'confirmed') return outcome;
      await this.ensureFree(manager, email, memberId);
      const oldValue = member.email;
      await manager.update(Member, { id: memberId }, { email, pendingEmail: null, emailConfirmedAt: new Date() });
      const attribute = SystemAttribute.Email;
      await this.events.attributesUpdated(manager, member, applicationId, [
        { attributeCode: attribute.code, userAttributeType: attribute.type, attributeId: attribute.id, oldValue, newValue: email },
      ]);
      return null;
    });
    if (rejected) throw codeRejection(rejected);
  }

  private async ensureFree(manager: EntityManager, email: string, memberId: number): Promise<void> {
    const taken: unknown[] = await manager.query(`SELECT 1 FROM member WHERE lower(email) = $1 AND id <> $2`, [email, memberId]);
    if (taken.length > 0) throw new RpcFault(RegistrationErrorCode.EmailInUse, 'Этот адрес электронной почты уже используется другим участником.');
  }
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function pendingEmailOf(member: Member): string {
  if (!member.pendingEmail) throw new RpcFault(RegistrationErrorCode.StepNotAvailable, 'Нет адреса электронной почты, ожидающего подтверждения.');
  return member.pendingEmail;
}
