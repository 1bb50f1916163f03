import type { CardState } from '@loyalty/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A loyalty card: a physical card from the pool or an emitted virtual one. */
@Entity({ name: 'card' })
export class Card {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ type: 'varchar', length: 32 })
  number: string;

  @Column({ type: 'varchar', length: 16 })
  state: CardState;

  @Column({ name: 'category_id', type: 'integer' })
  categoryId: number;

  @Column({ name: 'is_virtual', type: 'boolean', default: false })
  isVirtual: boolean;

  /** The member holding the card; null while it waits in the pool. */
  @Column({ name: 'member_id', type: 'integer', nullable: true })
  memberId: number | null;

  @Column({ name: 'is_blocked', type: 'boolean', default: false })
  isBlocked: boolean;

  @Column({ name: 'is_deleted', type: 'boolean', default: false })
  isDeleted: boolean;

  @Column({ name: 'activation_date', type: 'timestamptz', nullable: true })
  activationDate: Date | null;

  @Column({ name: 'linked_at', type: 'timestamptz', nullable: true })
  linkedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
