import { LOYALTY_EVENTS_EXCHANGE } from '@loyalty/contracts';

export const EVENTS_EXCHANGE_NAME = LOYALTY_EVENTS_EXCHANGE;
