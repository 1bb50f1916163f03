import type { BatchItemInput } from '@loyalty/contracts';
import { batchFingerprint, itemDigest, type BatchHeader } from './body-fingerprint';

const header: BatchHeader = { requestId: '123', type: 2, accrueDescription: 'string', currencyExternalId: 'string', lifeTimeDefinitionExternalId: 'string' };
const item: BatchItemInput = {
  memberNo: '012345',
  Description: 'string',
  operationDate: '2013-08-14 12:26:14',
  merchantName: ' merchantName',
  transactionAmount: 152246.54,
  pointsAmount: 1522.46,
};

const fingerprint = (head: BatchHeader, items: BatchItemInput[]) => batchFingerprint(head, items.length, items.map(itemDigest));

describe('batch body fingerprint', () => {
  it('is the same for the same values, whatever the key order, spelling of numbers or unknown keys', () => {
    const reordered = JSON.parse('{"pointsAmount":1522.460,"transactionAmount":152246.54,"merchantName":" merchantName","operationDate":"2013-08-14 12:26:14","Description":"string","memberNo":"012345","extra":1}');
    expect(fingerprint(header, [item, item])).toBe(fingerprint({ ...header }, [reordered, { ...item }]));
  });

  it('treats an absent optional field like null', () => {
    expect(fingerprint({ requestId: '1', type: 3 }, [{ ...item, Description: undefined }])).toBe(
      fingerprint({ requestId: '1', type: 3, accrueDescription: null, currencyExternalId: null, lifeTimeDefinitionExternalId: null }, [{ ...item, Description: null }]),
    );
  });

  const other: BatchItemInput = { ...item, memberNo: '999999' };
  it.each<[string, BatchHeader, BatchItemInput[]]>([
    ['the type', { ...header, type: 4 }, [item, other]],
    ['the description', { ...header, accrueDescription: 'other' }, [item, other]],
    ['the requestId', { ...header, requestId: '124' }, [item, other]],
    ['an amount', header, [{ ...item, pointsAmount: 1522.47 }, other]],
    ['a member', header, [{ ...item, memberNo: '012346' }, other]],
    ['the item order', header, [other, item]],
    ['the item count', header, [item, other, item]],
  ])('changes with %s', (_what, head, items) => {
    expect(fingerprint(head, items)).not.toBe(fingerprint(header, [item, other]));
  });

  it('does not depend on how values nested in a bad item are ordered', () => {
    expect(itemDigest({ ...item, memberNo: { b: 1, a: 2 } })).toEqual(itemDigest({ ...item, memberNo: { a: 2, b: 1 } }));
  });
});
