import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * What cards knows about a member (the registration service owns members): enough to fill the
 * events' customerInfo and to know whether a newly linked card is activated at once. Its row is
 * also the lock that serializes card changes of one member.
 */
@Entity({ name: 'card_member' })
export class CardMember {
  @PrimaryColumn({ name: 'member_id', type: 'integer' })
  memberId: number;

  @Column({ name: 'customer_uid', type: 'uuid' })
  customerUid: string;

  @Column({ name: 'account_id', type: 'varchar', length: 32 })
  accountId: string;

  /** Set when the member finished registering; cards linked afterwards are Activated directly. */
  @Column({ name: 'registered_at', type: 'timestamptz', nullable: true })
  registeredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
