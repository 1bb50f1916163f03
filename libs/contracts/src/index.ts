// Event contracts of the loyalty platform: routing keys, SMC event bodies, their validation, and
// the seed fixtures contract tests compare against.
export * from './events/routing-keys';
export * from './events/event-body';
export * from './events/customer-info';
export * from './events/customer-registration.events';
export * from './events/customer-card.events';
export * from './events/customer-profile.events';
export * from './events/purchase.events';
export * from './events/smc-event-contracts';
export { validateMessage, formatValidationErrors } from './validation/validate-message';
export type { ValidationOutcome } from './validation/validate-message';
export { MESSAGE_ID_PATTERN, MONEY_MAX_DECIMALS, hasMoneyPrecision, isUtcDateTime } from './validation/fields';
export type { ContractClass } from './validation/fields';
export * from './testing/seed-shape';
export * from './testing/fixtures';
export * from './events/notification.events';
export * from './rpc/rpc-fields';
export * from './rpc/registration.rpc';
export * from './rpc/cards.rpc';
export * from './rpc/processing.rpc';
export * from './events/processing.events';
export * from './events/loyalty-group.events';
export * from './rpc/batch-operations.rpc';
export * from './rpc/processing-members.rpc';
