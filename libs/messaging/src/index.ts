import { InboxMessage } from './inbox/inbox-message.entity';
import { MessagingTables1764000000000 } from './migrations/1764000000000-messaging-tables';
import { OutboxMessage } from './outbox/outbox-message.entity';

export * from './topology';
export * from './message-id';
export * from './messaging.options';
export * from './messaging.module';
export * from './messaging.metrics';
export * from './broker-readiness.check';
export * from './outbox/outbox';
export * from './outbox/outbox-relay';
export * from './outbox/amqp-outbox-publisher';
export * from './consumer/event-consumer.decorator';
export * from './consumer/message-pipeline';
export * from './rpc/rpc';
export * from './rpc/rpc-client';
export { InboxMessage, OutboxMessage, MessagingTables1764000000000 };

/** Entities and migrations a service with a database adds to its own lists. */
export const messagingEntities = [OutboxMessage, InboxMessage];
export const messagingMigrations = [MessagingTables1764000000000];
export * from './consumer/error-queue-replay';
