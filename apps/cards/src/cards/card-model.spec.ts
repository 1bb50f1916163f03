import { loadFixture, seedShapeMismatches } from '@loyalty/contracts';
import { CardRow, toCardDetails, toCardView } from './card-model';

const row: CardRow = {
  id: 20,
  number: '4510721265576184',
  state: 'Activated',
  category_id: 2,
  category_title: 'VIP',
  is_virtual: false,
  member_id: 24,
  is_blocked: false,
  is_deleted: false,
  activation_date: new Date('2021-07-19T16:33:24.517Z'),
};

describe('card model', () => {
  it('has every field of the seed card with the derived bar code and strips', () => {
    expect(toCardDetails(row)).toEqual(loadFixture('customer.card.changeState')['cardInfo']);
  });

  it('keeps a null activation date for a card that is not active yet', () => {
    const details = toCardDetails({ ...row, state: 'Activating', activation_date: null });
    expect(details.activationDate).toBeNull();
    expect(seedShapeMismatches(details, loadFixture('customer.card.link')['newCard'])).toEqual([]);
  });

  it('adds the category id, the virtual flag and the holder for other services', () => {
    expect(toCardView(row)).toMatchObject({ categoryId: 2, isVirtual: false, memberId: 24, cardId: 20 });
  });
});
