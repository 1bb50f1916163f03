import { readBatchItem } from './batch-item';

const seedItem = {
  memberNo: '012345',
  Description: 'string',
  operationDate: '2013-08-14 12:26:14',
  merchantName: ' merchantName',
  transactionAmount: 152246.54,
  pointsAmount: 1522.46,
};

describe('readBatchItem', () => {
  it('accepts the seed example and normalises it', () => {
    expect(readBatchItem(seedItem, 'Europe/Moscow')).toEqual({
      memberNo: '012345',
      description: 'string',
      operationDate: new Date('2013-08-14T08:26:14Z'),
      merchantName: ' merchantName',
      transactionAmount: '152246.54',
      pointsAmount: '1522.46',
      problems: [],
    });
  });

  it('accepts a customerUid as memberNo, in lower case, and leaves the optional fields out', () => {
    const item = readBatchItem(
      { memberNo: '5E4C3B2A-1D0F-4A9B-8C7D-6E5F4A3B2C1D', operationDate: '2024-05-01T10:00:00+03:00', transactionAmount: 0, pointsAmount: 10 },
      'UTC',
    );
    expect(item).toMatchObject({ memberNo: '5e4c3b2a-1d0f-4a9b-8c7d-6e5f4a3b2c1d', description: null, merchantName: null, problems: [] });
  });

  it('names every field that is wrong', () => {
    const item = readBatchItem({ memberNo: 'abc', Description: 5, operationDate: '14.08.2013', merchantName: 'x'.repeat(201), transactionAmount: -1, pointsAmount: 1.234 }, 'UTC');
    expect(item.problems).toEqual([
      'memberNo: ожидается номер карты (6–32 цифры) или customerUid участника',
      'pointsAmount: не более 2 знаков после запятой',
      'transactionAmount: не может быть отрицательной или больше 10^15',
      'operationDate "14.08.2013": ожидается "ГГГГ-ММ-ДД чч:мм:сс" или ISO-8601 со смещением',
      'Description: ожидается строка не длиннее 500 символов',
      'merchantName: ожидается строка не длиннее 200 символов',
    ]);
  });

  it('says what is missing', () => {
    expect(readBatchItem({}, 'UTC').problems).toEqual([
      'memberNo: не указан',
      'pointsAmount: не указана сумма',
      'transactionAmount: не указана сумма',
      'operationDate: не указана',
    ]);
  });

  it.each([
    [0, 'pointsAmount: должен быть больше 0 и меньше 1 000 000 000 000'],
    [-5, 'pointsAmount: должен быть больше 0 и меньше 1 000 000 000 000'],
    ['10', 'pointsAmount: ожидается число'],
  ])('refuses pointsAmount %p', (pointsAmount, problem) => {
    expect(readBatchItem({ ...seedItem, pointsAmount }, 'UTC').problems).toEqual([problem]);
  });

  it('refuses a date that does not exist', () => {
    expect(readBatchItem({ ...seedItem, operationDate: '2013-02-30 10:00:00' }, 'UTC').problems).toEqual([
      'operationDate "2013-02-30 10:00:00": такой даты или времени не существует',
    ]);
  });
});
