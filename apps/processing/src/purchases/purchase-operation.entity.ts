import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PurchaseOperationKind = 'Payment' | 'Bonus' | 'Confirm' | 'Cancel' | 'CancelOperation' | 'Refund';

/**
 * The journal of state-changing purchase operations, one row per operationId and merchant scope:
 * a repeated request with the same body gets `reply` again, a different body NotUniqueOperationID.
 * `id` is the reply's `transactionId`.
 */
@Entity('purchase_operation')
export class PurchaseOperation {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'merchant_scope', type: 'text' })
  merchantScope: string;

  @Column({ name: 'operation_id', type: 'text' })
  operationId: string;

  @Column({ name: 'purchase_id', type: 'integer' })
  purchaseId: number;

  @Column({ type: 'text' })
  kind: PurchaseOperationKind;

  /** sha-256 of the canonical JSON of the request. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ type: 'jsonb' })
  reply: Record<string, unknown>;

  /** Set by Operations/{operationId}/Cancel. */
  @Column({ type: 'boolean', default: false })
  canceled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
