import {
  EVENT_CODES,
  EVENT_CODES_BY_ROUTING_KEY,
  EventCode,
  INTERNAL_ROUTING_KEYS,
  RoutingKey,
  SMC_ROUTING_KEYS,
  isSmcRoutingKey,
} from './routing-keys';

// Printable ASCII words joined by dots: no Cyrillic look-alikes, no wildcards, no spaces.
const ASCII_ROUTING_KEY = /^[A-Za-z]+(\.[A-Za-z]+)+$/;

describe('routing keys', () => {
  it('has exactly the 12 SMC keys of seed 000, each once', () => {
    expect(SMC_ROUTING_KEYS).toEqual([
      'customer.registration.begin',
      'customer.registration.finish',
      'customer.card.link',
      'customer.profile.merge',
      'customer.card.changeState',
      'customer.card.changeBlockState',
      'customer.card.changeDeleteState',
      'customer.card.changeCategory',
      'customer.attribute.update',
      'customer.subscription.update',
      'purchases.confirm.modelUpdate',
      'purchases.refundModelUpdate',
    ]);
    expect(new Set(SMC_ROUTING_KEYS).size).toBe(12);
  });

  it('writes every key in plain ASCII', () => {
    for (const key of [...SMC_ROUTING_KEYS, ...INTERNAL_ROUTING_KEYS]) {
      expect(key).toMatch(ASCII_ROUTING_KEY);
    }
  });

  it('spells the category key with a Latin "c", unlike the seed', () => {
    expect(RoutingKey.CustomerCardChangeCategory.codePointAt(0)).toBe(0x63);
    expect(SMC_ROUTING_KEYS).not.toContain('\u0441ustomer.card.changeCategory');
  });

  it('has 14 distinct eventCodes, each allowed under exactly one SMC key', () => {
    expect(EVENT_CODES).toHaveLength(14);
    expect(new Set(EVENT_CODES).size).toBe(14);
    expect(Object.keys(EVENT_CODES_BY_ROUTING_KEY).sort()).toEqual([...SMC_ROUTING_KEYS].sort());
    const mapped = Object.values(EVENT_CODES_BY_ROUTING_KEY).flat();
    expect(mapped).toHaveLength(14);
    expect([...mapped].sort()).toEqual([...EVENT_CODES].sort());
  });

  it('publishes the three link kinds under customer.card.link', () => {
    expect(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.CustomerCardLink]).toEqual([
      EventCode.OnCardSet,
      EventCode.OnCardAttach,
      EventCode.OnCardReplace,
    ]);
  });

  it('keeps internal keys apart from the SMC keys', () => {
    expect(INTERNAL_ROUTING_KEYS).toEqual([
      'processing.balance.changed',
      'cards.loyaltyGroup.changed',
      'registration.customer.deleted',
      'notifications.sms.requested',
      'notifications.email.requested',
    ]);
    for (const key of INTERNAL_ROUTING_KEYS) {
      expect(SMC_ROUTING_KEYS).not.toContain(key);
      expect(isSmcRoutingKey(key)).toBe(false);
    }
    for (const key of SMC_ROUTING_KEYS) expect(isSmcRoutingKey(key)).toBe(true);
  });
});
