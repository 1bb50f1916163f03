import { CardsErrorCode, CardState } from '@loyalty/contracts';
import type { CardRow } from '../cards/card-model';

/** One column write a card change needs, or null when the card already is as asked (no-op, no event). */
export interface CardFlagsChange {
  column: 'is_blocked' | 'is_deleted' | 'category_id';
  value: boolean | number;
}

type CardFlags = Pick<CardRow, 'is_blocked' | 'is_deleted' | 'category_id'>;

export function blockChange(card: CardFlags, targetBlockState: boolean): CardFlagsChange | null {
  return card.is_blocked === targetBlockState ? null : { column: 'is_blocked', value: targetBlockState };
}

export function deleteChange(card: CardFlags, targetDeleteState: boolean): CardFlagsChange | null {
  return card.is_deleted === targetDeleteState ? null : { column: 'is_deleted', value: targetDeleteState };
}

export function categoryChange(card: CardFlags, categoryId: number): CardFlagsChange | null {
  return card.category_id === categoryId ? null : { column: 'category_id', value: categoryId };
}

export interface Refusal {
  code: CardsErrorCode;
  message: string;
}

/**
 * Why `oldCard` (already known to be the member's) cannot be replaced by `newCard`, or null. The
 * old card must be in use (Activating/Activated, not deleted); the new one must be a free pool
 * card (Prepared/Issued, nobody's, neither blocked nor deleted). A blocked old card may be
 * replaced: that is what replacing a lost card is for.
 */
export function replacementRefusal(
  oldCard: Pick<CardRow, 'id' | 'state' | 'is_deleted'>,
  newCard: Pick<CardRow, 'id' | 'state' | 'member_id' | 'is_blocked' | 'is_deleted'> | null,
  memberId: number,
  linkableStates: readonly CardState[],
): Refusal | null {
  if (oldCard.is_deleted || (oldCard.state !== 'Activating' && oldCard.state !== 'Activated')) {
    return { code: CardsErrorCode.CardStateConflict, message: 'Эту карту нельзя заменить: она не активна.' };
  }
  if (!newCard || newCard.is_deleted) return { code: CardsErrorCode.CardNotFound, message: 'Новая карта не найдена.' };
  if (newCard.id === oldCard.id || newCard.member_id === memberId) {
    return { code: CardsErrorCode.CardNotAvailable, message: 'Новая карта уже привязана к участнику.' };
  }
  if (newCard.member_id !== null || !linkableStates.includes(newCard.state)) {
    return { code: CardsErrorCode.CardNotAvailable, message: 'Карта уже используется.' };
  }
  if (newCard.is_blocked) return { code: CardsErrorCode.CardBlocked, message: 'Карта заблокирована.' };
  return null;
}
