import { SMC_ROUTING_KEYS } from '../events/routing-keys';
import { loadFixture } from './fixtures';
import { JsonObject, expectSeedShape, seedShapeMismatches } from './seed-shape';

/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit fixtures deep inside */

describe('seedShapeMismatches', () => {
  it.each(SMC_ROUTING_KEYS)('finds nothing wrong with the %s example itself', (name) => {
    expect(seedShapeMismatches(loadFixture(name), loadFixture(name))).toEqual([]);
  });

  it('catches a renamed key', () => {
    const actual = loadFixture<any>('customer.card.changeCategory');
    actual.newCardCategory = actual.newcardCategory;
    delete actual.newcardCategory;
    expect(seedShapeMismatches(actual, loadFixture('customer.card.changeCategory'))).toEqual([
      'newcardCategory: missing',
    ]);
  });

  it('catches a renamed key inside a nested object', () => {
    const actual = loadFixture<any>('purchases.confirm.modelUpdate');
    actual.customerInfo.accountGroupId = actual.customerInfo.accountgroupId;
    delete actual.customerInfo.accountgroupId;
    expect(seedShapeMismatches(actual, loadFixture('purchases.confirm.modelUpdate'))).toEqual([
      'customerInfo.accountgroupId: missing',
    ]);
  });

  it('catches a wrong JSON type', () => {
    const actual = loadFixture<any>('customer.registration.begin');
    actual.customerInfo.accountgroupId = 125;
    actual.customerInfo.customerId = '121';
    expect(seedShapeMismatches(actual, loadFixture('customer.registration.begin'))).toEqual([
      'customerInfo.customerId: expected number, got string',
      'customerInfo.accountgroupId: expected string, got number',
    ]);
  });

  it('catches a missing key deep inside a list element', () => {
    const actual = loadFixture<any>('purchases.confirm.modelUpdate');
    delete actual.purchaseOperationInfo.purchaseData.chequeItems[1].itemId;
    expect(seedShapeMismatches(actual, loadFixture('purchases.confirm.modelUpdate'))).toEqual([
      'purchaseOperationInfo.purchaseData.chequeItems[1].itemId: missing',
    ]);
  });

  it('catches a missing nested object and a nested object flattened away', () => {
    const actual = loadFixture<any>('purchases.refundModelUpdate');
    delete actual.refundedPurchaseViewModel;
    actual.customerInfo = 'c3b84d0c-ff92-4e62-b5df-fbd4ec8ad1e4';
    expect(seedShapeMismatches(actual, loadFixture('purchases.refundModelUpdate'))).toEqual([
      'refundedPurchaseViewModel: missing',
      'customerInfo: expected object, got string',
    ]);
  });

  it('requires the seed’s integer ids to be integers, but not money to carry decimals', () => {
    const actual = loadFixture<any>('purchases.confirm.modelUpdate');
    actual.customerInfo.customerId = 107.5;
    actual.purchaseOperationInfo.purchaseData.amount = 135.25;
    actual.purchaseOperationInfo.purchaseData.withdraws[0].moneyAmount = 10;
    expect(seedShapeMismatches(actual, loadFixture('purchases.confirm.modelUpdate'))).toEqual([
      'customerInfo.customerId: expected an integer id, got 107.5',
    ]);
  });

  it('accepts any value for a key the seed shows as null, but not its absence', () => {
    const actual = loadFixture<any>('customer.card.changeBlockState');
    actual.customerInfo.identifierId = 826;
    actual.customerInfo.mobileDeviceId = 'device-1';
    delete actual.customerInfo.applicationId;
    expect(seedShapeMismatches(actual, loadFixture('customer.card.changeBlockState'))).toEqual([
      'customerInfo.applicationId: missing',
    ]);
  });

  it('accepts oldCard null, which the seed prescribes for links that are not replacements', () => {
    const actual = { ...loadFixture('customer.card.link'), oldCard: null, linkCardType: 'SetCard', eventCode: 'OnCardSet' };
    expect(seedShapeMismatches(actual, loadFixture('customer.card.link'))).toEqual([]);
    const { oldCard: _dropped, ...withoutOldCard } = actual;
    expect(seedShapeMismatches(withoutOldCard, loadFixture('customer.card.link'))).toEqual(['oldCard: missing']);
  });

  it('does not accept null for other keys the seed fills in', () => {
    const actual = { ...loadFixture('customer.card.link'), newCard: null };
    expect(seedShapeMismatches(actual, loadFixture('customer.card.link'))).toEqual(['newCard: expected object, got null']);
  });

  it('checks every list element against the seed’s first one', () => {
    const actual = loadFixture<any>('purchases.confirm.modelUpdate');
    actual.purchaseOperationInfo.purchaseData.chequeItems.push({ positionId: 3, description: 'Tea' });
    actual.purchaseOperationInfo.purchaseData.purchaseAttributes = [{ anything: true }];
    expect(seedShapeMismatches(actual, loadFixture('purchases.confirm.modelUpdate'))).toEqual([
      'purchaseOperationInfo.purchaseData.chequeItems[2].quantity: missing',
      'purchaseOperationInfo.purchaseData.chequeItems[2].unit: missing',
      'purchaseOperationInfo.purchaseData.chequeItems[2].amount: missing',
      'purchaseOperationInfo.purchaseData.chequeItems[2].itemId: missing',
    ]);
  });

  it('treats positionInfo as a map keyed by position', () => {
    const actual = loadFixture<any>('purchases.refundModelUpdate');
    actual.refundOperationInfo.purchaseData.rewards[0].positionInfo = { '3': 41.67 };
    expect(seedShapeMismatches(actual, loadFixture('purchases.refundModelUpdate'))).toEqual([]);
    actual.refundOperationInfo.purchaseData.rewards[0].positionInfo = { '3': '41.67' };
    expect(seedShapeMismatches(actual, loadFixture('purchases.refundModelUpdate'))).toEqual([
      'refundOperationInfo.purchaseData.rewards[0].positionInfo.3: expected number, got string',
    ]);
  });

  it('ignores keys the seed does not have', () => {
    const actual: JsonObject = { ...loadFixture('customer.registration.finish'), tryCount: 0 };
    expect(seedShapeMismatches(actual, loadFixture('customer.registration.finish'))).toEqual([]);
  });

  it('lets a caller declare further nullable keys', () => {
    const actual = { ...loadFixture('customer.card.changeState'), cardInfo: null };
    const fixture = loadFixture('customer.card.changeState');
    expect(seedShapeMismatches(actual, fixture)).toEqual(['cardInfo: expected object, got null']);
    expect(seedShapeMismatches(actual, fixture, { nullableKeys: ['cardInfo'] })).toEqual([]);
  });
});

describe('expectSeedShape', () => {
  it('passes quietly when the shape matches', () => {
    expect(() => expectSeedShape(loadFixture('customer.profile.merge'), loadFixture('customer.profile.merge'))).not.toThrow();
  });

  it('throws with every mismatch listed', () => {
    const actual = loadFixture<any>('customer.profile.merge');
    delete actual.fromCustomerInfo.customerUid;
    actual.toCustomerInfo.customerId = 'eleven';
    expect(() => expectSeedShape(actual, loadFixture('customer.profile.merge'))).toThrow(
      "Body does not have the seed's shape:\n" +
        '  fromCustomerInfo.customerUid: missing\n' +
        '  toCustomerInfo.customerId: expected number, got string',
    );
  });
});
