import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An event waiting to be published, written in the same transaction as the change it reports. */
@Entity({ name: 'outbox_message' })
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'message_id', type: 'char', length: 32, unique: true })
  messageId: string;

  @Column({ type: 'varchar', length: 255 })
  exchange: string;

  @Column({ name: 'routing_key', type: 'varchar', length: 255 })
  routingKey: string;

  /** AMQP `type` property: the eventCode. */
  @Column({ name: 'message_type', type: 'varchar', length: 255 })
  messageType: string;

  /** The serialized body, kept as text so the bytes published are exactly the bytes written. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  headers: Record<string, string>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
