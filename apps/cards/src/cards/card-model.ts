import { cardDetailsOf, CardDetails, CardState, CardView, toEventDateTime } from '@loyalty/contracts';

/** A card row joined with its category title, as the queries of this service select it. */
export interface CardRow {
  id: number;
  number: string;
  state: CardState;
  category_id: number;
  category_title: string;
  is_virtual: boolean;
  member_id: number | null;
  is_blocked: boolean;
  is_deleted: boolean;
  activation_date: Date | null;
}

/** Columns of `CardRow` for a query over `card c JOIN loyalty_group g`. */
export const CARD_ROW_COLUMNS = `c.id, c.number, c.state, c.category_id, g.title AS category_title, c.is_virtual,
  c.member_id, c.is_blocked, c.is_deleted, c.activation_date`;

/** States a pool card can be linked from. */
export const LINKABLE_STATES: readonly CardState[] = ['Prepared', 'Issued'];
/** States activation moves to Activated. */
export const ACTIVATABLE_STATES: readonly CardState[] = ['Prepared', 'Issued', 'Activating'];

/** The seed's full card model (link and activation events) of a card row. */
export function toCardDetails(row: CardRow): CardDetails {
  return cardDetailsOf({
    cardId: row.id,
    cardNumber: row.number,
    cardState: row.state,
    activationDate: row.activation_date ? toEventDateTime(row.activation_date) : null,
    cardCategory: row.category_title,
    isBlocked: row.is_blocked,
    isDeleted: row.is_deleted,
  });
}

export function toCardView(row: CardRow): CardView {
  return { ...toCardDetails(row), categoryId: row.category_id, isVirtual: row.is_virtual, memberId: row.member_id };
}
