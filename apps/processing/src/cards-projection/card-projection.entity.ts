import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Processing's read model of the cards service (SPEC §1): number → member, state, flags,
 * category. Fed by card events; a row is `complete` once a full card model was seen (link,
 * activation, or the cards RPC) — block/delete/category events about an unseen card leave an
 * incomplete row that a lookup completes through the RPC.
 */
@Entity('card_projection')
export class CardProjection {
  @PrimaryColumn({ name: 'card_number', type: 'text' })
  cardNumber: string;

  @Column({ name: 'card_id', type: 'integer', nullable: true })
  cardId: number | null;

  @Column({ name: 'customer_id', type: 'integer', nullable: true })
  customerId: number | null;

  @Column({ name: 'customer_uid', type: 'uuid', nullable: true })
  customerUid: string | null;

  @Column({ name: 'accountgroup_id', type: 'text', nullable: true })
  accountgroupId: string | null;

  @Column({ name: 'card_state', type: 'text', nullable: true })
  cardState: string | null;

  @Column({ name: 'is_blocked', type: 'boolean', default: false })
  isBlocked: boolean;

  @Column({ name: 'is_deleted', type: 'boolean', default: false })
  isDeleted: boolean;

  /** Title of the card's category (loyalty group), as card events name it. */
  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ type: 'boolean', default: false })
  complete: boolean;

  /** When processing first saw the card with an owner; the earliest is the member's main card. */
  @Column({ name: 'linked_at', type: 'timestamptz', nullable: true })
  linkedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
