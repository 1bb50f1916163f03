import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A message a consumer has handled; its key makes a redelivered message a no-op. */
@Entity({ name: 'inbox_message' })
export class InboxMessage {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  consumer: string;

  @PrimaryColumn({ name: 'message_id', type: 'varchar', length: 64 })
  messageId: string;

  @Column({ name: 'handled_at', type: 'timestamptz', default: () => 'now()' })
  handledAt: Date;
}
