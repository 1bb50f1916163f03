import { MemberState, MergeMembersReply, MergeMembersRequest, RegistrationErrorCode } from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { MemberEvents } from '../members/member-events';
import { Member } from '../members/member.entity';
import { nextTokenVersion } from '../members/members';

/**
 * Member merge (SPEC §3.3), the registration half: `from` is closed and `customer.profile.merge`
 * goes into the outbox in the same transaction; the cards and processing services move the cards
 * and the balance when they consume it. Both member rows are locked in id order, so two merges of
 * the same pair (or crossing merges) run one after the other and the second finds `from` closed.
 */
@Injectable()
export class MergesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: MemberEvents,
  ) {}

  async merge({ toCustomerId, fromCustomerId, applicationId }: MergeMembersRequest): Promise<MergeMembersReply> {
    if (toCustomerId === fromCustomerId) throw refused('Участника нельзя объединить с самим собой.');
    return this.dataSource.transaction(async (manager) => {
      const [from, to] = await lockPair(manager, fromCustomerId, toCustomerId);
      for (const member of [from, to]) {
        if (member.state === MemberState.Closed) throw refused(`Участник ${member.id} уже закрыт (объединён с другим).`);
        if (member.state !== MemberState.Registered) throw refused(`Участник ${member.id} не завершил регистрацию.`);
      }
      await manager.update(Member, { id: from.id }, { state: MemberState.Closed, mergedIntoId: to.id, closedAt: new Date() });
      // Every token of `from` carries an older version from now on: they all stop working.
      await nextTokenVersion(manager, from);
      await this.events.profilesMerged(manager, from, to, applicationId);
      return { toCustomerId: to.id, fromCustomerId: from.id };
    });
  }
}

/** Both members, locked in id order (no deadlock between crossing merges). */
async function lockPair(manager: EntityManager, fromId: number, toId: number): Promise<[Member, Member]> {
  const rows = await manager.find(Member, { where: { id: In([fromId, toId]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  const from = rows.find((row) => row.id === fromId);
  const to = rows.find((row) => row.id === toId);
  if (!from || !to) {
    throw new RpcFault(RegistrationErrorCode.MergeMemberNotFound, `Участник ${from ? toId : fromId} не найден.`);
  }
  return [from, to];
}

function refused(message: string): RpcFault {
  return new RpcFault(RegistrationErrorCode.MergeNotAllowed, message);
}
