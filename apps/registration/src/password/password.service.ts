import { SessionGrant, UserActionType } from '@loyalty/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Member } from '../members/member.entity';
import { loadMember, lockMember, nextTokenVersion } from '../members/members';
import { RegistrationSteps } from '../registration-flow/registration-steps';
import { hashPassword } from './password-hasher';

/** The PasswordRequired step. The password itself never leaves this service, not even in events. */
@Injectable()
export class PasswordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: RegistrationSteps,
  ) {}

  async set(memberId: number, password: string): Promise<SessionGrant> {
    // Checked before hashing too, so a repeated step costs no scrypt run.
    this.steps.ensureOpen(await loadMember(this.dataSource.manager, memberId), UserActionType.PasswordRequired);
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const member = await lockMember(manager, memberId);
      this.steps.ensureOpen(member, UserActionType.PasswordRequired);
      await manager.update(Member, { id: memberId }, { passwordHash });
      return { memberId, tokenVersion: await nextTokenVersion(manager, member) };
    });
  }
}
