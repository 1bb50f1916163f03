import { loadFixture, seedShapeMismatches } from '@loyalty/contracts';
import { applyChannelChange, channelsOf, DEFAULT_CHANNELS, SUBSCRIPTION_TYPES } from './subscription-types';

describe('subscription channels', () => {
  it('reads a member without stored channels (or with a channel missing) as Disabled', () => {
    expect(channelsOf(null)).toEqual(DEFAULT_CHANNELS);
    expect(channelsOf({ mail: 'Enabled' })).toEqual({ ...DEFAULT_CHANNELS, mail: 'Enabled' });
  });

  it('changes only the channels named, and reports whether anything differs', () => {
    const current = channelsOf({ mail: 'Enabled' });
    expect(applyChannelChange(current, { mail: 'Enabled', sms: 'Disabled' })).toEqual({ channels: current, changed: false });
    expect(applyChannelChange(current, { viber: 'Enabled' })).toEqual({ channels: { ...current, viber: 'Enabled' }, changed: true });
    expect(current.viber).toBe('Disabled');
  });

  it('has the seed’s default type and the seed’s channel keys', () => {
    const seed = loadFixture('customer.subscription.update');
    const [type] = SUBSCRIPTION_TYPES;
    expect([type.id, type.code, type.name, type.mailingSubscriptionType]).toEqual([
      seed['subscriptionTypeId'],
      seed['subscriptionTypeCode'],
      seed['subscriptionTypeName'],
      seed['mailingSubscriptionType'],
    ]);
    expect(seedShapeMismatches(DEFAULT_CHANNELS, seed['subscriptionInfo'] as never)).toEqual([]);
  });
});
