import type { MemberReference } from '@loyalty/contracts';
import type { EntityManager } from 'typeorm';

export interface LockedMember {
  memberId: number;
  customerUid: string;
  accountId: string;
  registered: boolean;
}

/**
 * Records the member if cards has not seen them yet and locks their row until the transaction
 * ends. Every change to a member's cards starts here, so two requests for one member (a Cards/Set
 * racing the automatic virtual card, say) run one after the other.
 */
export async function lockMember(manager: EntityManager, member: MemberReference, options: { markRegistered?: boolean } = {}): Promise<LockedMember> {
  const rows: { member_id: number; customer_uid: string; account_id: string; registered_at: Date | null }[] = await manager.query(
    `INSERT INTO card_member (member_id, customer_uid, account_id, registered_at)
     VALUES ($1, $2, $3, CASE WHEN $4::boolean THEN now() END)
     ON CONFLICT (member_id) DO UPDATE
       SET registered_at = COALESCE(card_member.registered_at, EXCLUDED.registered_at)
     RETURNING member_id, customer_uid, account_id, registered_at`,
    [member.memberId, member.customerUid, member.accountId, options.markRegistered ?? false],
  );
  const [row] = rows;
  return { memberId: row.member_id, customerUid: row.customer_uid, accountId: row.account_id, registered: row.registered_at !== null };
}
