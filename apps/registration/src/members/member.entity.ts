import type { MemberState } from '@loyalty/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type LoginType = 'Phone' | 'Card';

/**
 * A loyalty program member (customer). Each registration step leaves a timestamp here; the
 * registration state machine reads them to list the steps and decide when registration is done.
 */
@Entity({ name: 'member' })
export class Member {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ type: 'uuid' })
  uid: string;

  /** The member's account (`accountgroupId` in events); TypeORM reads bigint as a string. */
  @Column({ name: 'account_id', type: 'bigint' })
  accountId: string;

  @Column({ type: 'varchar', length: 16 })
  state: MemberState;

  @Column({ name: 'login_type', type: 'varchar', length: 8 })
  loginType: LoginType;

  /** The identifier the member registered with: `identifierId` of their events. */
  @Column({ name: 'login_identifier_id', type: 'integer', nullable: true })
  loginIdentifierId: number | null;

  /** Confirmed phone number. */
  @Column({ type: 'varchar', length: 15, nullable: true })
  phone: string | null;

  /** A number waiting for its confirmation code. */
  @Column({ name: 'pending_phone', type: 'varchar', length: 15, nullable: true })
  pendingPhone: string | null;

  @Column({ name: 'phone_confirmed_at', type: 'timestamptz', nullable: true })
  phoneConfirmedAt: Date | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ name: 'pending_email', type: 'varchar', length: 254, nullable: true })
  pendingEmail: string | null;

  @Column({ name: 'email_confirmed_at', type: 'timestamptz', nullable: true })
  emailConfirmedAt: Date | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ name: 'offer_accepted_at', type: 'timestamptz', nullable: true })
  offerAcceptedAt: Date | null;

  @Column({ name: 'questionnaire_completed_at', type: 'timestamptz', nullable: true })
  questionnaireCompletedAt: Date | null;

  /** A card was assigned in the AssignCard step (Cards/Set or an on-demand virtual card). */
  @Column({ name: 'card_assigned_at', type: 'timestamptz', nullable: true })
  cardAssignedAt: Date | null;

  /** Raised with every token issued; only a token carrying the current version is accepted. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @Column({ name: 'registered_at', type: 'timestamptz', nullable: true })
  registeredAt: Date | null;

  /** Merge: the member this one was merged into (state Closed). */
  @Column({ name: 'merged_into_id', type: 'integer', nullable: true })
  mergedIntoId: number | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
