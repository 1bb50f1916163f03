import { LoginRequest, MemberSession, MemberState, RegistrationErrorCode, SessionGrant } from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CardsClient } from '../card-steps/cards-client';
import { Member } from '../members/member.entity';
import { findIdentifier, lockMember, nextTokenVersion } from '../members/members';
import { decoyPasswordHash, verifyPassword } from '../password/password-hasher';

/**
 * Member sessions. The gateway signs tokens; this service keeps each member's token version, so
 * that a token stops working the moment a newer one is issued (SPEC §3.2).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: CardsClient,
  ) {}

  async verify(memberId: number, tokenVersion: number): Promise<MemberSession> {
    const member = await this.dataSource.manager.findOne(Member, { where: { id: memberId } });
    if (!member || member.tokenVersion !== tokenVersion || member.state === MemberState.Closed) {
      throw new RpcFault(RegistrationErrorCode.SessionSuperseded, 'Токен недействителен: выдан более новый.');
    }
    return {
      memberId: member.id,
      customerUid: member.uid,
      accountId: member.accountId,
      state: member.state,
      identifierId: member.loginIdentifierId,
    };
  }

  /** Password grant: a phone or card number and the password. Unknown logins cost as much as wrong passwords. */
  async login({ login, password }: LoginRequest): Promise<SessionGrant> {
    const memberId = await this.memberIdOf(login);
    const member = memberId ? await this.dataSource.manager.findOne(Member, { where: { id: memberId } }) : null;
    const valid = await verifyPassword(password, member?.passwordHash ?? (await decoyPasswordHash()));
    // A closed (merged-away) member answers like a wrong password: nothing to tell a caller.
    if (!member?.passwordHash || !valid || member.state === MemberState.Closed) throw new RpcFault(RegistrationErrorCode.InvalidCredentials, 'Неверный логин или пароль.');
    return this.dataSource.transaction(async (manager) => {
      const locked = await lockMember(manager, member.id);
      // Merged away between the read above and this lock.
      if (locked.state === MemberState.Closed) throw new RpcFault(RegistrationErrorCode.InvalidCredentials, 'Неверный логин или пароль.');
      return { memberId: locked.id, tokenVersion: await nextTokenVersion(manager, locked) };
    });
  }

  private async memberIdOf(login: string): Promise<number | null> {
    const identifier = await findIdentifier(this.dataSource.manager, login);
    if (identifier) return identifier.memberId;
    // Any card the member holds works as a login, not only the one they registered with (and
    // whatever the registration providers: they decide how members may register, not log in).
    const { card } = await this.cards.findCard(login);
    return card && !card.isDeleted ? card.memberId : null;
  }
}
