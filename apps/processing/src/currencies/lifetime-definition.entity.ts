import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** How long an accrual stays spendable; `durationDays` null = never expires (the default). */
@Entity('lifetime_definition')
export class LifetimeDefinition {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'external_id', type: 'text', unique: true })
  externalId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'duration_days', type: 'integer', nullable: true })
  durationDays: number | null;

  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export const DEFAULT_LIFETIME_ID = 1;
