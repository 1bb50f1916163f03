import { SUBSCRIPTION_CHANNELS, SubscriptionChannelsChange, SubscriptionChannelStates } from '@loyalty/contracts';

export interface SubscriptionType {
  id: number;
  code: string;
  name: string;
  mailingSubscriptionType: string;
}

/** The subscription type registry (SPEC §2.1): one default type for now. */
export const SUBSCRIPTION_TYPES: readonly SubscriptionType[] = Object.freeze([
  { id: 1, code: 'DiscountOperation', name: 'Discount accrual notifications', mailingSubscriptionType: 'Cashback' },
]);

/**
 * A member who never switched a channel has every channel Disabled: nothing is sent without the
 * member asking for it.
 */
export const DEFAULT_CHANNELS: Readonly<SubscriptionChannelStates> = Object.freeze(
  Object.fromEntries(SUBSCRIPTION_CHANNELS.map((channel) => [channel, 'Disabled'])) as SubscriptionChannelStates,
);

/** Stored channels (jsonb) completed with the defaults, so a channel added later reads as Disabled. */
export function channelsOf(stored: Partial<SubscriptionChannelStates> | null | undefined): SubscriptionChannelStates {
  return Object.fromEntries(SUBSCRIPTION_CHANNELS.map((channel) => [channel, stored?.[channel] ?? DEFAULT_CHANNELS[channel]])) as SubscriptionChannelStates;
}

/** The channels after a change, and whether anything differs. Channels left out keep their state. */
export function applyChannelChange(current: SubscriptionChannelStates, change: SubscriptionChannelsChange): { channels: SubscriptionChannelStates; changed: boolean } {
  const channels = { ...current };
  let changed = false;
  for (const channel of SUBSCRIPTION_CHANNELS) {
    const wanted = change[channel];
    if (wanted !== undefined && wanted !== channels[channel]) {
      channels[channel] = wanted;
      changed = true;
    }
  }
  return { channels, changed };
}
