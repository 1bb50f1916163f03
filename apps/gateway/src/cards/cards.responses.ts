import { ApiProperty } from '@nestjs/swagger';

/** The seed's card model (SPEC §3.3) plus the category id. */
export class CardResult {
  @ApiProperty({ example: 20 }) cardId: number;
  @ApiProperty({ example: '4510721265576184' }) cardNumber: string;
  @ApiProperty({ enum: ['Prepared', 'Issued', 'Activating', 'Activated', 'Replaced', 'Expired'] }) cardState: string;
  @ApiProperty({ type: String, nullable: true, example: '2021-07-19T16:33:24Z' }) activationDate: string | null;
  @ApiProperty({ example: 'General' }) cardType: string;
  @ApiProperty({ example: 'VIP', description: 'Title of the category (loyalty group)' }) cardCategory: string;
  @ApiProperty() barCode: string;
  @ApiProperty() strip1: string;
  @ApiProperty({ description: '"<number>=<number>"' }) strip2: string;
  @ApiProperty({ description: '"strip=<number>"' }) strip3: string;
  @ApiProperty() isBlocked: boolean;
  @ApiProperty() isDeleted: boolean;
  @ApiProperty({ example: 2 }) categoryId: number;
}

export class CardsResult {
  @ApiProperty({ type: [CardResult] }) cards: CardResult[];
}

export class CardChangeResult {
  @ApiProperty({ description: 'false when the card already was as asked: nothing changed and no event was published (result.message says so)' })
  changed: boolean;

  @ApiProperty({ type: CardResult }) card: CardResult;
}

export class ReplaceCardResult {
  @ApiProperty({ type: CardResult, description: 'The replaced card: Replaced, blocked and deleted' }) oldCard: CardResult;
  @ApiProperty({ type: CardResult }) newCard: CardResult;
}

export class LoyaltyGroupResult {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ example: 'Standard' }) title: string;
  @ApiProperty({ enum: ['discount', 'bonuses'] }) loyaltyType: string;
  @ApiProperty({ example: 5 }) loyaltyQuantity: number;
  @ApiProperty() active: boolean;
}

export class LoyaltyGroupsResult {
  @ApiProperty({ type: [LoyaltyGroupResult] }) groups: LoyaltyGroupResult[];
}

export class PutLoyaltyGroupsResult extends LoyaltyGroupsResult {
  @ApiProperty({ type: [Number], description: 'Groups created or changed (each published cards.loyaltyGroup.changed)' }) changedIds: number[];
}
