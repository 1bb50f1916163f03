import { conflictMessage, rejectionMessage } from './rejection-message';

describe('rejectionMessage', () => {
  it('names the bad items by index and member', () => {
    expect(
      rejectionMessage({
        requestProblems: [],
        itemProblems: [
          { itemIndex: 0, memberNo: '012345', problem: 'участник не найден' },
          { itemIndex: 7, memberNo: null, problem: 'memberNo: не указан' },
        ],
        problemItemCount: 2,
        itemCount: 10,
      }),
    ).toBe(
      'Запрос отклонён, ни одна операция не выполнена. Ошибки в элементах accrue: 2 из 10. ' +
        'accrue[0] (memberNo 012345): участник не найден; accrue[7]: memberNo: не указан.',
    );
  });

  it('lists twenty items and counts the rest', () => {
    const itemProblems = Array.from({ length: 20 }, (_, itemIndex) => ({ itemIndex, memberNo: null, problem: 'x' }));
    const message = rejectionMessage({ requestProblems: [], itemProblems, problemItemCount: 25, itemCount: 100 });
    expect(message).toContain('accrue[19]: x; и ещё 5.');
    expect(message).not.toContain('accrue[20]');
  });

  it('puts the problems of the request before those of the items', () => {
    expect(
      rejectionMessage({
        requestProblems: ['Валюта currencyExternalId "EUR" не найдена'],
        itemProblems: [{ itemIndex: 3, memberNo: '1234567', problem: 'pointsAmount: не более 2 знаков после запятой' }],
        problemItemCount: 1,
        itemCount: 4,
      }),
    ).toBe(
      'Запрос отклонён, ни одна операция не выполнена. Валюта currencyExternalId "EUR" не найдена. ' +
        'Ошибки в элементах accrue: 1 из 4. accrue[3] (memberNo 1234567): pointsAmount: не более 2 знаков после запятой.',
    );
  });

  it('says why a repeated requestId is refused', () => {
    expect(conflictMessage('123')).toContain('requestId "123" уже использован для запроса с другим содержимым');
  });
});
