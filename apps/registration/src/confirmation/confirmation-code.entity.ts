import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ConfirmationChannel = 'Sms' | 'Email';

/** A confirmation code sent to a phone or address. Only its keyed hash is stored. */
@Entity({ name: 'confirmation_code' })
export class ConfirmationCode {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'member_id', type: 'integer' })
  memberId: number;

  @Column({ type: 'varchar', length: 8 })
  channel: ConfirmationChannel;

  /** The phone number or email address the code was sent to. */
  @Column({ type: 'varchar', length: 254 })
  destination: string;

  @Column({ type: 'varchar', length: 32 })
  salt: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts: number;

  /** Used successfully, or replaced by a newer code: either way it no longer works. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
