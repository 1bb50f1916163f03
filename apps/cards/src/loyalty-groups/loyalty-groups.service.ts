import {
  CardsErrorCode,
  InternalRoutingKey,
  LOYALTY_GROUP_CHANGED_EVENT_CODE,
  LoyaltyGroupChangedEvent,
  LoyaltyGroupsReply,
  LoyaltyGroupView,
  PutLoyaltyGroupsReply,
  PutLoyaltyGroupsRequest,
} from '@loyalty/contracts';
import { Outbox, RpcErrorCode, RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { groupsToWrite, toGroupView } from './loyalty-group-rules';

/**
 * The loyalty groups (= card categories, SPEC §3.3) of the System API. Every created or changed
 * group publishes `cards.loyaltyGroup.changed` in the same transaction, so processing's rules
 * follow; a PUT that changes nothing publishes nothing.
 */
@Injectable()
export class LoyaltyGroupsService {
  constructor(private readonly outbox: Outbox) {}

  async list(manager: EntityManager): Promise<LoyaltyGroupsReply> {
    const rows = await manager.query(`SELECT id, title, loyalty_type, loyalty_quantity, active FROM loyalty_group ORDER BY id`);
    return { groups: rows.map(toGroupView) };
  }

  async put(manager: EntityManager, request: PutLoyaltyGroupsRequest): Promise<PutLoyaltyGroupsReply> {
    const ids = request.groups.map((group) => group.id);
    if (new Set(ids).size !== ids.length) throw new RpcFault(RpcErrorCode.ValidationFailed, 'Request validation failed', ['groups: each id may appear once']);
    // One PUT at a time: the title check below must see the other PUTs' titles.
    await manager.query(`LOCK TABLE loyalty_group IN SHARE ROW EXCLUSIVE MODE`);
    const current = (await this.list(manager)).groups;
    const clash = titleClash(current, request.groups);
    if (clash) throw new RpcFault(CardsErrorCode.LoyaltyGroupTitleTaken, `Группа с названием «${clash}» уже есть.`);
    const changed = groupsToWrite(current, request.groups);
    for (const group of changed) {
      await manager.query(
        `INSERT INTO loyalty_group (id, title, loyalty_type, loyalty_quantity, active) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, loyalty_type = EXCLUDED.loyalty_type,
           loyalty_quantity = EXCLUDED.loyalty_quantity, active = EXCLUDED.active`,
        [group.id, group.title, group.loyaltyType, group.loyaltyQuantity, group.active],
      );
      const body: LoyaltyGroupChangedEvent = { ...group, eventCode: LOYALTY_GROUP_CHANGED_EVENT_CODE };
      await this.outbox.add(manager, { routingKey: InternalRoutingKey.CardsLoyaltyGroupChanged, eventCode: LOYALTY_GROUP_CHANGED_EVENT_CODE, body });
    }
    return { ...(await this.list(manager)), changedIds: changed.map((group) => group.id) };
  }
}

/** A title the request gives to one group while another (existing or requested) group has it. */
function titleClash(current: LoyaltyGroupView[], requested: LoyaltyGroupView[]): string | null {
  const renamed = new Set(requested.map((group) => group.id));
  // Titles of the groups left alone, then each requested group's title in turn.
  const titles = new Map(current.filter((group) => !renamed.has(group.id)).map((group) => [group.title, group.id]));
  for (const group of requested) {
    const holder = titles.get(group.title);
    if (holder !== undefined && holder !== group.id) return group.title;
    titles.set(group.title, group.id);
  }
  return null;
}
