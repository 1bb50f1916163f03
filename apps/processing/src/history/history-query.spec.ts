import { planHistoryQuery } from './history-query';

describe('History parameter rules (seed 001)', () => {
  it('none of the required filters, or only count → nothing', () => {
    expect(planHistoryQuery({ customerId: 7 })).toEqual({ kind: 'nothing' });
    expect(planHistoryQuery({ customerId: 7, count: 10 })).toEqual({ kind: 'nothing' });
    expect(planHistoryQuery({ customerId: 7, count: 10, fromDate: '2024-01-01' })).toEqual({ kind: 'nothing' });
  });

  it('only toDate → the count of rows without rows', () => {
    const plan = planHistoryQuery({ customerId: 7, toDate: '2024-05-31' });
    expect(plan.kind).toBe('countOnly');
  });

  it('toDate and count → rows, skipping `from`', () => {
    const plan = planHistoryQuery({ customerId: 7, toDate: '2024-05-31T10:00:00Z', count: 5, from: 2, cardId: 3, historyItemType: 'Purchase' });
    expect(plan).toEqual({
      kind: 'rows',
      count: 5,
      skip: 2,
      filter: { customerId: 7, before: new Date('2024-05-31T10:00:00.001Z'), notBefore: null, cardId: 3, type: 'Purchase' },
    });
  });

  it('a date-only toDate includes that whole day; fromDate is inclusive', () => {
    const plan = planHistoryQuery({ customerId: 7, toDate: '2024-05-31', fromDate: '2024-05-01', count: 1 });
    expect(plan).toMatchObject({ filter: { before: new Date('2024-06-01T00:00:00Z'), notBefore: new Date('2024-05-01T00:00:00Z') } });
  });
});
