import { CardsErrorCode } from '@loyalty/contracts';
import { LINKABLE_STATES } from '../cards/card-model';
import { blockChange, categoryChange, deleteChange, replacementRefusal } from './card-rules';

const flags = { is_blocked: false, is_deleted: false, category_id: 2 };

describe('card changes', () => {
  it('writes only what differs; asking for the current state is a no-op', () => {
    expect(blockChange(flags, true)).toEqual({ column: 'is_blocked', value: true });
    expect(blockChange(flags, false)).toBeNull();
    expect(deleteChange({ ...flags, is_deleted: true }, false)).toEqual({ column: 'is_deleted', value: false });
    expect(deleteChange({ ...flags, is_deleted: true }, true)).toBeNull();
    expect(categoryChange(flags, 1)).toEqual({ column: 'category_id', value: 1 });
    expect(categoryChange(flags, 2)).toBeNull();
  });
});

describe('replacementRefusal', () => {
  const old = { id: 1, state: 'Activated' as const, is_deleted: false };
  const pool = { id: 2, state: 'Issued' as const, member_id: null, is_blocked: false, is_deleted: false };
  const refusal = (oldCard = old, newCard: typeof pool | null = pool) => replacementRefusal(oldCard, newCard, 7, LINKABLE_STATES)?.code ?? null;

  it('lets an active card (blocked or not) be replaced by a free pool card', () => {
    expect(refusal()).toBeNull();
    expect(refusal({ ...old, state: 'Activating' })).toBeNull();
  });

  it('refuses an old card that is not in use', () => {
    expect(refusal({ ...old, state: 'Replaced' })).toBe(CardsErrorCode.CardStateConflict);
    expect(refusal({ ...old, is_deleted: true })).toBe(CardsErrorCode.CardStateConflict);
    expect(refusal({ ...old, state: 'Issued' })).toBe(CardsErrorCode.CardStateConflict);
  });

  it('refuses a new card that is unknown, deleted, held, not linkable or blocked', () => {
    expect(refusal(old, null)).toBe(CardsErrorCode.CardNotFound);
    expect(refusal(old, { ...pool, is_deleted: true })).toBe(CardsErrorCode.CardNotFound);
    expect(refusal(old, { ...pool, member_id: 7 })).toBe(CardsErrorCode.CardNotAvailable);
    expect(refusal(old, { ...pool, member_id: 8 })).toBe(CardsErrorCode.CardNotAvailable);
    expect(refusal(old, { ...pool, state: 'Expired' as never })).toBe(CardsErrorCode.CardNotAvailable);
    expect(refusal(old, { ...pool, is_blocked: true })).toBe(CardsErrorCode.CardBlocked);
  });
});
