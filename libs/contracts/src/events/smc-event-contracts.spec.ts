import { loadFixture } from '../testing/fixtures';
import { JsonObject, JsonValue, seedShapeMismatches } from '../testing/seed-shape';
import { validateMessage } from '../validation/validate-message';
import { CustomerInfo, buildCustomerInfo } from './customer-info';
import {
  CardActivatedEvent,
  CardBlockStateChangedEvent,
  CardDeleteStateChangedEvent,
  CardLinkedEvent,
  CustomerAttributeUpdatedEvent,
  CustomerSubscriptionChangedEvent,
  PurchaseConfirmedEvent,
  PurchaseRefundedEvent,
  RegistrationBeganEvent,
} from '../index';
import { initialRetryFields, toEventDateTime } from './event-body';
import { INTERNAL_ROUTING_KEYS, RoutingKey, SMC_ROUTING_KEYS, SmcRoutingKey } from './routing-keys';
import { SMC_EVENT_CONTRACTS, contractFor } from './smc-event-contracts';

type Segment = string | number;

/** Every key of a body, with its path; the free-form keys inside positionInfo are left out. */
function keyPaths(value: JsonValue, prefix: Segment[] = []): { segments: Segment[]; value: JsonValue }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keyPaths(item, [...prefix, index]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    { segments: [...prefix, key], value: child },
    ...(key === 'positionInfo' ? [] : keyPaths(child, [...prefix, key])),
  ]);
}

function formatPath(segments: Segment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function parentOf(body: JsonObject, segments: Segment[]): Record<Segment, unknown> {
  return segments.slice(0, -1).reduce<unknown>((node, s) => (node as Record<Segment, unknown>)[s], body) as Record<
    Segment,
    unknown
  >;
}

function without(body: JsonObject, segments: Segment[]): JsonObject {
  const copy = structuredClone(body);
  delete parentOf(copy, segments)[segments[segments.length - 1]];
  return copy;
}

function withValue(body: JsonObject, segments: Segment[], value: unknown): JsonObject {
  const copy = structuredClone(body);
  parentOf(copy, segments)[segments[segments.length - 1]] = value;
  return copy;
}

/** A value of another JSON type than `value`. */
function wrongTypeFor(value: JsonValue): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return {};
  if (value === null) return { unexpected: true };
  return 'not an object';
}

function errorsOf(result: ReturnType<typeof validateMessage>): string[] {
  return result.ok ? [] : result.errors;
}

/** The seed example as we would publish it: retry fields and both member uuid keys added. */
function published(routingKey: SmcRoutingKey): JsonObject {
  const body = loadFixture(routingKey);
  for (const key of ['customerInfo', 'fromCustomerInfo', 'toCustomerInfo']) {
    const info = body[key] as (JsonObject & CustomerInfo) | undefined;
    if (!info) continue;
    const { customerId, accountgroupId, mobileDeviceId, identifierId, applicationId } = info;
    const customerUid = info.customerUid ?? info.customerCode ?? '';
    body[key] = { ...buildCustomerInfo({ customerId, accountgroupId, customerUid, mobileDeviceId, identifierId, applicationId }) };
  }
  return { ...body, ...initialRetryFields('0f8fad5bd9cb469fa16570867728950e') };
}

const contracts = SMC_EVENT_CONTRACTS.map((entry) => [entry.routingKey, entry] as const);

describe('SMC event registry', () => {
  it('has one entry per SMC routing key, in seed order', () => {
    expect(SMC_EVENT_CONTRACTS.map((entry) => entry.routingKey)).toEqual(SMC_ROUTING_KEYS);
    expect(new Set(SMC_EVENT_CONTRACTS.map((entry) => entry.contract)).size).toBe(12);
  });

  it('finds contracts by routing key and nothing for other keys', () => {
    expect(contractFor(RoutingKey.CustomerCardLink).contract).toBe(CardLinkedEvent);
    expect(contractFor('purchases.refundModelUpdate')?.contract).toBe(PurchaseRefundedEvent);
    for (const key of INTERNAL_ROUTING_KEYS) expect(contractFor(key)).toBeUndefined();
    expect(contractFor('\u0441ustomer.card.changeCategory')).toBeUndefined();
  });
});

// Optional on input by design (only the OnBlockCard example has them); tested on their own below.
const RETRY_KEYS = ['externalId', 'tryCount', 'delaySecond', 'toErrorQueue'];

describe.each(contracts)('%s contract', (routingKey, entry) => {
  const fixture = loadFixture(routingKey);
  const paths = keyPaths(fixture).filter(({ segments }) => !RETRY_KEYS.includes(String(segments[0])));

  it('accepts the seed example', () => {
    expect(errorsOf(validateMessage(entry.contract, fixture))).toEqual([]);
  });

  it('accepts the example as we publish it, which still has the seed shape', () => {
    const body = published(routingKey);
    expect(errorsOf(validateMessage(entry.contract, body))).toEqual([]);
    expect(seedShapeMismatches(body, fixture)).toEqual([]);
  });

  it('rejects the body when any key of the seed model is missing, naming its path', () => {
    const unnoticed = paths
      .map(({ segments }) => formatPath(segments))
      .filter((path, i) => {
        const errors = errorsOf(validateMessage(entry.contract, without(fixture, paths[i].segments)));
        return !errors.some((line) => line.startsWith(`${path}: `));
      });
    expect(unnoticed).toEqual([]);
  });

  it('rejects a value of the wrong JSON type at any key, naming its path', () => {
    const unnoticed = paths
      .map(({ segments }) => formatPath(segments))
      .filter((path, i) => {
        const body = withValue(fixture, paths[i].segments, wrongTypeFor(paths[i].value));
        const errors = errorsOf(validateMessage(entry.contract, body));
        return !errors.some((line) => line.startsWith(`${path}: `));
      });
    expect(unnoticed).toEqual([]);
  });

  it('requires the keys the seed shows as null to be present', () => {
    for (const { segments } of paths.filter((p) => p.value === null)) {
      expect(errorsOf(validateMessage(entry.contract, without(fixture, segments)))).toContain(
        `${formatPath(segments)}: is required (null is allowed)`,
      );
    }
  });

  it('rejects an eventCode of another routing key', () => {
    const foreign = routingKey === RoutingKey.CustomerCardChangeBlockState ? 'OnDeleteCard' : 'OnBlockCard';
    const errors = errorsOf(validateMessage(entry.contract, { ...fixture, eventCode: foreign }));
    expect(errors).toContain(`eventCode: must be one of: ${entry.eventCodes.join(', ')}`);
  });
});

describe('readable errors for the usual mistakes', () => {
  const begin = () => loadFixture<JsonObject & { customerInfo: JsonObject }>('customer.registration.begin');

  it('names a string where an integer id belongs', () => {
    const body = begin();
    body.customerInfo['customerId'] = '121';
    expect(errorsOf(validateMessage(RegistrationBeganEvent, body))).toEqual([
      'customerInfo.customerId: must be an integer',
    ]);
  });

  it('names a number where accountgroupId, a string, belongs', () => {
    const body = begin();
    body.customerInfo['accountgroupId'] = 125;
    expect(errorsOf(validateMessage(RegistrationBeganEvent, body))).toEqual([
      'customerInfo.accountgroupId: must be a string',
    ]);
  });

  it('reports a missing nested object once, not once per inner key', () => {
    const body = begin();
    delete (body as Partial<typeof body>).customerInfo;
    expect(errorsOf(validateMessage(RegistrationBeganEvent, body))).toEqual(['customerInfo: is required']);
  });

  it('reports null for a required key as such', () => {
    expect(errorsOf(validateMessage(RegistrationBeganEvent, { ...begin(), customerInfo: null }))).toEqual([
      'customerInfo: must not be null',
    ]);
  });

  it('uses bracketed indexes for list elements', () => {
    const body = loadFixture<any>('purchases.confirm.modelUpdate'); // eslint-disable-line @typescript-eslint/no-explicit-any
    body.purchaseOperationInfo.purchaseData.chequeItems[1].positionId = '2';
    expect(errorsOf(validateMessage(PurchaseConfirmedEvent, body))).toEqual([
      'purchaseOperationInfo.purchaseData.chequeItems[1].positionId: must be an integer',
    ]);
  });

  it('rejects a body that is not a JSON object', () => {
    for (const body of [null, [], 'text', 42]) {
      expect(errorsOf(validateMessage(RegistrationBeganEvent, body))).toEqual(['(body): must be a JSON object']);
    }
  });

  it('does not let a __proto__ key in the JSON switch validation off', () => {
    const body = JSON.parse('{"__proto__": {"eventCode": "OnBeginRegistration"}}');
    expect(errorsOf(validateMessage(RegistrationBeganEvent, body))).toEqual(['eventCode: is required', 'customerInfo: is required']);
  });

  it('tolerates unknown keys and keeps them', () => {
    const result = validateMessage(RegistrationBeganEvent, { ...begin(), addedLater: 'x' });
    expect(result.ok).toBe(true);
    expect(result.ok && (result.value as unknown as JsonObject)['addedLater']).toBe('x');
  });

  it('returns class instances, nested ones included', () => {
    const result = validateMessage(RegistrationBeganEvent, begin());
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.value).toBeInstanceOf(RegistrationBeganEvent);
    expect(result.value.customerInfo).toBeInstanceOf(CustomerInfo);
  });
});

describe('dates', () => {
  const activation = (activationDate: unknown) => {
    const body = loadFixture<{ cardInfo: JsonObject }>('customer.card.changeState');
    body.cardInfo['activationDate'] = activationDate as JsonValue;
    return errorsOf(validateMessage(CardActivatedEvent, body));
  };
  const dateError =
    'cardInfo.activationDate: must be an ISO-8601 UTC date-time with second precision, e.g. 2021-07-19T16:33:24Z';

  it.each(['2021-07-19 16:33:24', '2021-07-19T16:33:24.000Z', '2021-07-19T16:33:24+03:00', '2021-02-30T10:00:00Z', '2021-07-19', ''])(
    'rejects %p',
    (value) => {
      expect(activation(value)).toEqual([dateError]);
    },
  );

  it('accepts null where the seed shows a date that may be missing', () => {
    expect(activation(null)).toEqual([]);
  });

  it('formats dates the way events carry them', () => {
    expect(toEventDateTime(new Date('2021-07-19T16:33:24.789Z'))).toBe('2021-07-19T16:33:24Z');
  });
});

describe('present-but-nullable keys', () => {
  it('accepts null and rejects a missing key', () => {
    const body = loadFixture<{ customerInfo: JsonObject }>('customer.card.changeBlockState');
    body.customerInfo['identifierId'] = null;
    expect(errorsOf(validateMessage(CardBlockStateChangedEvent, body))).toEqual([]);
    delete body.customerInfo['identifierId'];
    expect(errorsOf(validateMessage(CardBlockStateChangedEvent, body))).toEqual([
      'customerInfo.identifierId: is required (null is allowed)',
    ]);
  });

  it('still checks the type of a non-null value', () => {
    const body = loadFixture<{ customerInfo: JsonObject }>('customer.card.changeBlockState');
    body.customerInfo['applicationId'] = '1';
    expect(errorsOf(validateMessage(CardBlockStateChangedEvent, body))).toEqual([
      'customerInfo.applicationId: must be an integer',
    ]);
  });
});

describe('retry fields', () => {
  const block = () => loadFixture('customer.card.changeBlockState');
  const others = () => {
    const body = block();
    for (const key of RETRY_KEYS) delete body[key];
    return body;
  };

  it('are optional, because most seed examples lack them', () => {
    expect(errorsOf(validateMessage(CardBlockStateChangedEvent, others()))).toEqual([]);
  });

  it('accept what a retry writes', () => {
    const body = { ...others(), externalId: 'a'.repeat(32), tryCount: 3, delaySecond: 30, toErrorQueue: true };
    expect(errorsOf(validateMessage(CardBlockStateChangedEvent, body))).toEqual([]);
  });

  it.each([
    ['externalId', '73D812984EF44A9FB7F1200A41AC7ABA', 'externalId: must be 32 lowercase hex digits'],
    ['externalId', '73d81298-4ef4-4a9f-b7f1-200a41ac7aba', 'externalId: must be 32 lowercase hex digits'],
    ['externalId', null, 'externalId: must not be null'],
    ['tryCount', -1, 'tryCount: must be an integer >= 0'],
    ['tryCount', 1.5, 'tryCount: must be an integer >= 0'],
    ['delaySecond', '5', 'delaySecond: must be a number with at most 4 decimals and not negative'],
    ['toErrorQueue', 'false', 'toErrorQueue: must be a boolean'],
  ])('reject %s = %p', (key, value, message) => {
    expect(errorsOf(validateMessage(CardBlockStateChangedEvent, { ...block(), [key]: value }))).toEqual([message]);
  });

  it('start at try 0 with no delay', () => {
    expect(initialRetryFields('73d812984ef44a9fb7f1200a41ac7aba')).toEqual({
      externalId: '73d812984ef44a9fb7f1200a41ac7aba',
      tryCount: 0,
      delaySecond: null,
      toErrorQueue: false,
    });
  });
});

describe('member uuid: customerUid or customerCode', () => {
  const withInfo = (change: (info: JsonObject) => void) => {
    const body = loadFixture<{ customerInfo: JsonObject }>('customer.attribute.update');
    change(body.customerInfo);
    return errorsOf(validateMessage(CustomerAttributeUpdatedEvent, body));
  };
  const uuid = '155b341e-f24c-4dd4-b105-ab58ce766a24';

  it('accepts either key or both', () => {
    expect(withInfo(() => undefined)).toEqual([]);
    expect(withInfo((info) => ((info['customerUid'] = uuid), delete info['customerCode']))).toEqual([]);
    expect(withInfo((info) => (info['customerUid'] = uuid))).toEqual([]);
  });

  it('rejects a body with neither', () => {
    expect(withInfo((info) => delete info['customerCode'])).toEqual([
      'customerInfo.customerUid: is required unless customerCode is present',
      'customerInfo.customerCode: is required unless customerUid is present',
    ]);
  });

  it('rejects a value that is not a uuid', () => {
    expect(withInfo((info) => (info['customerCode'] = '155b341e'))).toEqual(['customerInfo.customerCode: must be a uuid']);
    expect(withInfo((info) => (info['customerUid'] = 42))).toEqual(['customerInfo.customerUid: must be a uuid']);
  });

  it('is published under both keys', () => {
    expect(
      buildCustomerInfo({ customerId: 126, accountgroupId: '130', customerUid: uuid, applicationId: 1 }),
    ).toEqual({
      customerId: 126,
      accountgroupId: '130',
      customerUid: uuid,
      customerCode: uuid,
      mobileDeviceId: null,
      identifierId: null,
      applicationId: 1,
    });
  });
});

describe('card link', () => {
  const link = (change: Partial<Record<'linkCardType' | 'eventCode' | 'oldCard', JsonValue>>) =>
    errorsOf(validateMessage(CardLinkedEvent, { ...loadFixture('customer.card.link'), ...change }));

  it('accepts SetCard and AttachCard with oldCard null', () => {
    expect(link({ linkCardType: 'SetCard', eventCode: 'OnCardSet', oldCard: null })).toEqual([]);
    expect(link({ linkCardType: 'AttachCard', eventCode: 'OnCardAttach', oldCard: null })).toEqual([]);
  });

  it('requires the oldCard key even when it is null', () => {
    const body = loadFixture('customer.card.link');
    delete body['oldCard'];
    expect(errorsOf(validateMessage(CardLinkedEvent, body))).toEqual(['oldCard: is required (null is allowed)']);
  });

  it('rejects an oldCard on a link that is not a replacement, and a replacement without one', () => {
    expect(link({ linkCardType: 'SetCard', eventCode: 'OnCardSet' })).toEqual(['linkCardType: SetCard needs oldCard: null']);
    expect(link({ oldCard: null })).toEqual(['linkCardType: ReplaceCard needs oldCard (the replaced card), not null']);
  });

  it('rejects an eventCode that disagrees with linkCardType', () => {
    expect(link({ eventCode: 'OnCardSet' })).toEqual(['linkCardType: ReplaceCard is published as OnCardReplace, not OnCardSet']);
  });

  it('rejects an unknown link source or card state', () => {
    const body = loadFixture<any>('customer.card.link'); // eslint-disable-line @typescript-eslint/no-explicit-any
    body.linkSource = 'Website';
    body.newCard.cardState = 'Frozen';
    expect(errorsOf(validateMessage(CardLinkedEvent, body))).toEqual([
      'newCard.cardState: must be one of: Prepared, Issued, Activating, Activated, Replaced, Expired',
      'linkSource: must be one of: UserPortal, CallCenter, Pos, Partner, Registration',
    ]);
  });
});

describe('value sets of the profile and card events', () => {
  it('rejects a subscription channel state other than Enabled/Disabled', () => {
    const body = loadFixture<{ subscriptionInfo: JsonObject }>('customer.subscription.update');
    body.subscriptionInfo['viber'] = 'On';
    expect(errorsOf(validateMessage(CustomerSubscriptionChangedEvent, body))).toEqual([
      'subscriptionInfo.viber: must be one of: Enabled, Disabled',
    ]);
  });

  it('rejects an unknown userAttributeType', () => {
    const body = { ...loadFixture('customer.attribute.update'), userAttributeType: 'Custom' };
    expect(errorsOf(validateMessage(CustomerAttributeUpdatedEvent, body))).toEqual([
      'userAttributeType: must be one of: Notifier, Questionnaire, System',
    ]);
  });

  it('only knows activation as a target state', () => {
    const body = { ...loadFixture('customer.card.changeState'), targetState: 'Blocked' };
    expect(errorsOf(validateMessage(CardActivatedEvent, body))).toEqual(['targetState: must be one of: Activated']);
  });

  it('keeps the delete event flat: cardId next to customerInfo, not in a cardInfo', () => {
    const body = loadFixture('customer.card.changeDeleteState');
    const nested: JsonObject = { ...body, cardInfo: { cardId: body['cardId'], cardNumber: body['cardNumber'] } };
    delete nested['cardId'];
    delete nested['cardNumber'];
    expect(errorsOf(validateMessage(CardDeleteStateChangedEvent, nested))).toEqual([
      'cardId: is required',
      'cardNumber: is required',
    ]);
  });
});

describe('purchase amounts', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const confirm = (change: (data: any) => void) => {
    const body = loadFixture<any>('purchases.confirm.modelUpdate'); // eslint-disable-line @typescript-eslint/no-explicit-any
    change(body.purchaseOperationInfo.purchaseData);
    return errorsOf(validateMessage(PurchaseConfirmedEvent, body));
  };
  const at = 'purchaseOperationInfo.purchaseData';

  it('allow up to 4 decimals', () => {
    expect(confirm((data) => (data.amount = 135.1234))).toEqual([]);
    expect(confirm((data) => (data.amount = 0.1 + 0.2))).toEqual([]);
    expect(confirm((data) => (data.amount = 135.12345))).toEqual([
      `${at}.amount: must be a number with at most 4 decimals and not negative`,
    ]);
  });

  it('keep the seed signs: withdrawals negative except moneyAmount, rewards positive', () => {
    expect(confirm((data) => (data.withdraws[0].amount = 10))).toEqual([
      `${at}.withdraws[0].amount: must be a number with at most 4 decimals and not positive`,
    ]);
    expect(confirm((data) => (data.withdraws[0].moneyAmount = -10))).toEqual([
      `${at}.withdraws[0].moneyAmount: must be a number with at most 4 decimals and not negative`,
    ]);
    expect(confirm((data) => (data.withdraws[0].positionInfo['1'] = 6.67))).toEqual([
      `${at}.withdraws[0].positionInfo: must map position ids to numbers with at most 4 decimals and not positive`,
    ]);
    expect(confirm((data) => (data.rewards[1].amount = -62.51))).toEqual([
      `${at}.rewards[1].amount: must be a number with at most 4 decimals and not negative`,
    ]);
  });

  it('key positionInfo by position id', () => {
    expect(confirm((data) => (data.rewards[0].positionInfo = { '1': 10, '3': 5 }))).toEqual([]);
    expect(confirm((data) => (data.rewards[0].positionInfo = { first: 10 }))).toEqual([
      `${at}.rewards[0].positionInfo: must map position ids to numbers with at most 4 decimals and not negative`,
    ]);
  });

  it('mark a confirmation as no refund and a refund as one', () => {
    expect(confirm((data) => (data.isRefund = true))).toEqual([`${at}.isRefund: must be false`]);
    const refund = loadFixture<any>('purchases.refundModelUpdate'); // eslint-disable-line @typescript-eslint/no-explicit-any
    refund.refundOperationInfo.purchaseData.isRefund = false;
    expect(errorsOf(validateMessage(PurchaseRefundedEvent, refund))).toEqual([
      'refundOperationInfo.purchaseData.isRefund: must be true',
    ]);
  });

  it('name the refund currency currencyDeviceExternalId, as the seed does', () => {
    const refund = loadFixture<any>('purchases.refundModelUpdate'); // eslint-disable-line @typescript-eslint/no-explicit-any
    const data = refund.refundOperationInfo.purchaseData;
    data.currencyExternalId = data.currencyDeviceExternalId;
    delete data.currencyDeviceExternalId;
    expect(errorsOf(validateMessage(PurchaseRefundedEvent, refund))).toEqual([
      'refundOperationInfo.purchaseData.currencyDeviceExternalId: is required',
    ]);
  });

  it('reject an element of a list that is not an object', () => {
    expect(confirm((data) => data.chequeItems.push('Aqva'))).toEqual([`${at}.chequeItems: must be an array of objects`]);
  });
});
