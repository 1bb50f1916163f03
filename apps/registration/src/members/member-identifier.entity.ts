import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type IdentifierKind = 'Phone' | 'Card';

/**
 * A login of a member: their phone number or the card they registered with. A value belongs to
 * one member only; the id is the `identifierId` of events.
 */
@Entity({ name: 'member_identifier' })
export class MemberIdentifier {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'member_id', type: 'integer' })
  memberId: number;

  @Column({ type: 'varchar', length: 8 })
  kind: IdentifierKind;

  @Column({ type: 'varchar', length: 32 })
  value: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
