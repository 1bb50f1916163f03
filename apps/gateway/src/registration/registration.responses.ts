import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// OpenAPI shapes of the `data` the registration and card routes answer with (seed 001 names).

export class BeginRegistrationResult {
  @ApiProperty({ enum: ['Success', 'PasswordRequired', 'AlreadyRegistered'] })
  state: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  errorMessage: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Use as `Authorization: Bearer …`; null unless state is Success' })
  authToken: string | null;
}

export class AuthTokenResult {
  @ApiProperty({ description: 'The new token; the previous one stops working' })
  authToken: string;
}

export class UserActionResult {
  @ApiProperty({ enum: ['AcceptTenderOffer', 'ChangePhone', 'ChangeEmail', 'PasswordRequired', 'Questions', 'AssignCard'] })
  userActionType: string;

  @ApiProperty({ enum: ['Required', 'Optional'] })
  actionState: string;

  @ApiProperty()
  isDone: boolean;
}

export class UserActionsResult {
  @ApiProperty({ type: [UserActionResult] })
  actions: UserActionResult[];
}

export class MaskedPhoneNumber {
  @ApiProperty({ type: String, nullable: true, example: '***1234' })
  phoneNumber: string | null;
}

export class PhoneNumberResult {
  @ApiProperty({ example: '', description: 'The confirmed number, masked; "" when there is none' })
  currentPhoneNumber: string;

  @ApiProperty({ type: MaskedPhoneNumber })
  newPhoneNumber: MaskedPhoneNumber;

  @ApiProperty({ example: 6 })
  confirmCodeLength: number;
}

export class NewEmail {
  @ApiProperty({ type: String, nullable: true })
  email: string | null;
}

export class EmailResult {
  @ApiProperty({ type: String, nullable: true })
  currentEmail: string | null;

  @ApiProperty({ type: NewEmail })
  newEmail: NewEmail;

  @ApiProperty({ example: 6 })
  confirmCodeLength: number;
}

export class QuestionNodeResult {
  @ApiProperty({ enum: ['Header', 'Question'] })
  nodeType: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'LastName' })
  logicalName: string | null;

  @ApiProperty({ type: String, nullable: true })
  value: string | null;

  @ApiProperty()
  readOnly: boolean;

  @ApiProperty({ type: Boolean, nullable: true })
  required: boolean | null;

  @ApiProperty({ type: Number, nullable: true })
  id: number | null;

  @ApiProperty({ type: Number, nullable: true })
  groupID: number | null;

  @ApiProperty({ type: Boolean, nullable: true })
  selected: boolean | null;

  @ApiProperty({ type: Number, nullable: true })
  maxLength: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'String' })
  fieldType: string | null;

  @ApiProperty({ type: () => [QuestionNodeResult], nullable: true })
  children: QuestionNodeResult[] | null;
}

export class QuestionsResult {
  @ApiProperty({ type: [QuestionNodeResult] })
  questions: QuestionNodeResult[];
}

export class FinishRegistrationResult {
  @ApiProperty()
  registrationCompleted: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'A new token when completed' })
  authToken: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Required steps still missing (only when not completed)' })
  missingSteps?: string[];
}

export class VirtualCardStatusResult {
  @ApiProperty({ example: 0 })
  currentCountOfVirtualCards: number;

  @ApiProperty({ example: true })
  isVirtualCardEmissionAllowed: boolean;
}

export class ImportCardsResult {
  @ApiProperty({ example: 2 })
  imported: number;

  @ApiProperty({ type: [String], description: 'Numbers already in the pool, left unchanged' })
  duplicates: string[];
}

export class SubscriptionChannelsResult {
  @ApiProperty({ enum: ['Enabled', 'Disabled'] }) mail: string;
  @ApiProperty({ enum: ['Enabled', 'Disabled'] }) push: string;
  @ApiProperty({ enum: ['Enabled', 'Disabled'] }) sms: string;
  @ApiProperty({ enum: ['Enabled', 'Disabled'] }) viber: string;
  @ApiProperty({ enum: ['Enabled', 'Disabled'] }) chatBot: string;
  @ApiProperty({ enum: ['Enabled', 'Disabled'] }) socialNetworks: string;
}

export class SubscriptionResult {
  @ApiProperty({ example: 'Cashback' }) mailingSubscriptionType: string;
  @ApiProperty({ example: 1 }) subscriptionTypeId: number;
  @ApiProperty({ example: 'DiscountOperation' }) subscriptionTypeCode: string;
  @ApiProperty({ example: 'Discount accrual notifications' }) subscriptionTypeName: string;
  @ApiProperty({ type: SubscriptionChannelsResult }) subscriptionInfo: SubscriptionChannelsResult;
}

export class SubscriptionsResult {
  @ApiProperty({ type: [SubscriptionResult] }) subscriptions: SubscriptionResult[];
}

export class SetSubscriptionResult {
  @ApiProperty({ type: SubscriptionResult }) subscription: SubscriptionResult;
  @ApiProperty({ description: 'false when every channel already was as asked (no event; result.message says so)' }) changed: boolean;
}

export class AttributeResult {
  @ApiProperty({ example: 102 }) attributeId: number;
  @ApiProperty({ example: 'LastName' }) attributeCode: string;
  @ApiProperty({ enum: ['Notifier', 'Questionnaire', 'System'] }) userAttributeType: string;
  @ApiProperty({ example: 'Петров' }) value: string;
}

export class AttributesResult {
  @ApiProperty({ type: [AttributeResult] }) attributes: AttributeResult[];
}
