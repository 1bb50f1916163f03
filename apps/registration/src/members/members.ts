import {
  buildCustomerInfo,
  MemberReference,
  PublishedCustomerInfo,
  RegistrationErrorCode,
} from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import type { EntityManager } from 'typeorm';
import { MemberIdentifier } from './member-identifier.entity';
import { Member } from './member.entity';

/** The member, locked until the transaction ends: every step of one member runs in turn. */
export async function lockMember(manager: EntityManager, memberId: number): Promise<Member> {
  const member = await manager.findOne(Member, { where: { id: memberId }, lock: { mode: 'pessimistic_write' } });
  if (!member) throw memberNotFound();
  return member;
}

export async function loadMember(manager: EntityManager, memberId: number): Promise<Member> {
  const member = await manager.findOne(Member, { where: { id: memberId } });
  if (!member) throw memberNotFound();
  return member;
}

/** The owner of a login value (phone or card registered with), if any. */
export async function findIdentifier(manager: EntityManager, value: string): Promise<MemberIdentifier | null> {
  return manager.findOne(MemberIdentifier, { where: { value } });
}

/** Another member already uses this phone number (as a login or a confirmed number). */
export async function phoneTakenByAnother(manager: EntityManager, phone: string, memberId: number): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM member_identifier WHERE value = $1 AND member_id <> $2
     UNION ALL SELECT 1 FROM member WHERE phone = $1 AND id <> $2 LIMIT 1`,
    [phone, memberId],
  );
  return rows.length > 0;
}

/** Who the member is for the cards service and its events. */
export function memberReference(member: Member, applicationId: number | null | undefined): MemberReference {
  return {
    memberId: member.id,
    customerUid: member.uid,
    accountId: member.accountId,
    identifierId: member.loginIdentifierId,
    applicationId: applicationId ?? null,
  };
}

export function customerInfoOf(member: Member, applicationId: number | null | undefined, mobileDeviceId: string | null = null): PublishedCustomerInfo {
  return buildCustomerInfo({
    customerId: member.id,
    accountgroupId: member.accountId,
    customerUid: member.uid,
    identifierId: member.loginIdentifierId,
    applicationId: applicationId ?? null,
    mobileDeviceId,
  });
}

export function memberNotFound(): RpcFault {
  return new RpcFault(RegistrationErrorCode.MemberNotFound, 'Участник не найден.');
}

/**
 * Raises the member's token version for a token about to be issued: from now on only that token
 * is accepted (SPEC §3.2). The member must be locked.
 */
export async function nextTokenVersion(manager: EntityManager, member: Member): Promise<number> {
  const version = member.tokenVersion + 1;
  await manager.update(Member, { id: member.id }, { tokenVersion: version });
  member.tokenVersion = version;
  return version;
}
