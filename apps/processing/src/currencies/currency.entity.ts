import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { NameCases } from '@loyalty/contracts';

export type CurrencyKind = 'bonus' | 'money';

/** Currency registry (SPEC §4): bonus currencies accounts are kept in, and the cheques' money. */
@Entity('currency')
export class Currency {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'external_id', type: 'text', unique: true })
  externalId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'is_deleted', type: 'boolean', default: false })
  isDeleted: boolean;

  @Column({ type: 'text' })
  kind: CurrencyKind;

  @Column({ name: 'name_cases', type: 'jsonb' })
  nameCases: NameCases;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export const DEFAULT_CURRENCY_ID = 1;
export const MONEY_CURRENCY_ID = 2;
