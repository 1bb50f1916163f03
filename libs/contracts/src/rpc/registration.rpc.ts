import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { SubscriptionState, UserAttributeType } from '../events/customer-profile.events';
import { CARD_NUMBER_PATTERN, PHONE_NUMBER_PATTERN } from './rpc-fields';

/**
 * RPC served by the registration service (SPEC §3.2). The gateway calls them after it has
 * verified the caller's token; `memberId` always comes from the token, never from a request body.
 */
export const RegistrationRpc = {
  Begin: 'registration.begin',
  VerifySession: 'registration.session.verify',
  Login: 'registration.login',
  ListActions: 'registration.actions.list',
  AcceptTenderOffer: 'registration.offer.accept',
  GetPhoneNumber: 'registration.phone.get',
  SetPhoneNumber: 'registration.phone.set',
  ConfirmPhoneNumber: 'registration.phone.confirm',
  SendPhoneConfirmCode: 'registration.phone.sendCode',
  SetPassword: 'registration.password.set',
  GetEmail: 'registration.email.get',
  SetEmail: 'registration.email.set',
  ConfirmEmail: 'registration.email.confirm',
  SendEmailConfirmCode: 'registration.email.sendCode',
  GetQuestions: 'registration.questions.get',
  SubmitAnswers: 'registration.answers.submit',
  AssignCard: 'registration.card.assign',
  EmitVirtualCard: 'registration.virtualCard.emit',
  Finish: 'registration.finish',
  GetSubscriptions: 'registration.subscriptions.get',
  SetSubscription: 'registration.subscriptions.set',
  GetAttributes: 'registration.attributes.get',
  /** System API: merge member `from` into member `to` (SPEC §3.3). */
  MergeMembers: 'registration.members.merge',
} as const;
export type RegistrationRpcRoutingKey = (typeof RegistrationRpc)[keyof typeof RegistrationRpc];

export const REGISTRATION_RPC_TIMEOUT_MS = 5000;

/** Typed errors of the registration RPCs (`RpcFault.code`); messages are written for the member. */
export const RegistrationErrorCode = {
  SelfRegistrationDisabled: 'SelfRegistrationDisabled',
  /** The login is neither a known card nor a phone number an enabled provider accepts. */
  LoginNotSupported: 'LoginNotSupported',
  InvalidCredentials: 'InvalidCredentials',
  /** A newer token was issued to the member; this one no longer counts (SPEC §3.2). */
  SessionSuperseded: 'SessionSuperseded',
  MemberNotFound: 'MemberNotFound',
  /** The step is done already; repeating it is a protocol error. */
  StepAlreadyDone: 'StepAlreadyDone',
  /** The step cannot be taken now (nothing to confirm, step switched off…). */
  StepNotAvailable: 'StepNotAvailable',
  PhoneNumberInUse: 'PhoneNumberInUse',
  EmailInUse: 'EmailInUse',
  ConfirmCodeInvalid: 'ConfirmCodeInvalid',
  ConfirmCodeExpired: 'ConfirmCodeExpired',
  /** Five wrong attempts: the code is dead, a new one must be requested. */
  ConfirmCodeLocked: 'ConfirmCodeLocked',
  ConfirmCodeResendTooEarly: 'ConfirmCodeResendTooEarly',
  ConfirmCodeDailyLimit: 'ConfirmCodeDailyLimit',
  QuestionnaireInvalid: 'QuestionnaireInvalid',
  /** The cards service did not answer a step that needs it; the step can be retried. */
  CardsUnavailable: 'CardsUnavailable',
  /** `User/Subscriptions` names a subscription type the registry does not have. */
  SubscriptionTypeNotFound: 'SubscriptionTypeNotFound',
  /** Merge: one of the two members does not exist. */
  MergeMemberNotFound: 'MergeMemberNotFound',
  /** Merge: a member into itself, or a member that is closed (merged away) or not registered. */
  MergeNotAllowed: 'MergeNotAllowed',
} as const;
export type RegistrationErrorCode = (typeof RegistrationErrorCode)[keyof typeof RegistrationErrorCode];

/** Steps of `GET user/actions`, in the order the seed lists them. */
export const UserActionType = {
  AcceptTenderOffer: 'AcceptTenderOffer',
  ChangePhone: 'ChangePhone',
  ChangeEmail: 'ChangeEmail',
  PasswordRequired: 'PasswordRequired',
  Questions: 'Questions',
  AssignCard: 'AssignCard',
} as const;
export type UserActionType = (typeof UserActionType)[keyof typeof UserActionType];

export type UserActionState = 'Required' | 'Optional';

export interface UserAction {
  userActionType: UserActionType;
  actionState: UserActionState;
  isDone: boolean;
}

export const BeginRegistrationState = {
  Success: 'Success',
  PasswordRequired: 'PasswordRequired',
  AlreadyRegistered: 'AlreadyRegistered',
} as const;
export type BeginRegistrationState = (typeof BeginRegistrationState)[keyof typeof BeginRegistrationState];

export const MemberState = {
  Registering: 'Registering',
  Registered: 'Registered',
  /** Merged into another member: cannot log in, its tokens are dead. */
  Closed: 'Closed',
} as const;
export type MemberState = (typeof MemberState)[keyof typeof MemberState];

const LOGIN_PATTERN = /^\d{6,32}$/;
const CONFIRM_CODE_PATTERN = /^\d{4,8}$/;
export const PASSWORD_MIN_LENGTH = 6;
export const PASSWORD_MAX_LENGTH = 128;

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export class BeginRegistrationRequest {
  /** A phone number (provider Phone) or the number of a Prepared/Issued card (provider Card). */
  @Matches(LOGIN_PATTERN, { message: 'login must be 6-32 digits' })
  login: string;

  /** Empty to start or resume without a password. */
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @IsOptional()
  @IsInt()
  applicationId?: number | null;
}

export class VerifySessionRequest {
  @IsInt()
  @Min(1)
  memberId: number;

  @IsInt()
  @Min(1)
  tokenVersion: number;
}

/** Password grant: phone or card number + password. */
export class LoginRequest {
  @Matches(LOGIN_PATTERN, { message: 'login must be 6-32 digits' })
  login: string;

  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

/** Any step taken by a signed-in member. */
export class MemberRequest {
  @IsInt()
  @Min(1)
  memberId: number;

  /** The OAuth client acting for the member, when the token names one. */
  @IsOptional()
  @IsInt()
  applicationId?: number | null;
}

export class SetPhoneNumberRequest extends MemberRequest {
  @Matches(PHONE_NUMBER_PATTERN, { message: 'phoneNumber must be 11-15 digits' })
  phoneNumber: string;
}

export class ConfirmCodeRequest extends MemberRequest {
  @Matches(CONFIRM_CODE_PATTERN, { message: 'confirmCode must be 4-8 digits' })
  confirmCode: string;
}

export class SetPasswordRequest extends MemberRequest {
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class SetEmailRequest extends MemberRequest {
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class GetQuestionsRequest extends MemberRequest {
  @IsBoolean()
  onlyRequired: boolean;
}

/** One answer, as the seed sends it: `value` when typed, `selected: true` for an offered option. */
export class QuestionAnswer {
  @IsOptional()
  @IsInt()
  groupID: number | null;

  @IsInt()
  id: number;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  value: string | null;

  @IsBoolean()
  selected: boolean;
}

export class SubmitAnswersRequest extends MemberRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => QuestionAnswer)
  answers: QuestionAnswer[];
}

export class AssignCardRequest extends MemberRequest {
  @Matches(CARD_NUMBER_PATTERN, { message: 'cardNumber must be 6-32 digits' })
  cardNumber: string;
}

// ---------------------------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------------------------

/** What the gateway signs into a member token. Each grant raises the version (SPEC §3.2). */
export interface SessionGrant {
  memberId: number;
  tokenVersion: number;
}

export interface BeginRegistrationReply {
  state: BeginRegistrationState;
  errorMessage: string | null;
  /** Null unless `state` is Success. */
  session: SessionGrant | null;
}

/** The member behind a valid token, with what other services need for their events. */
export interface MemberSession {
  memberId: number;
  customerUid: string;
  accountId: string;
  state: MemberState;
  /** The identifier (phone or card) the member signed in with. */
  identifierId: number | null;
}

export interface UserActionsReply {
  actions: UserAction[];
}

export interface PhoneNumberReply {
  /** The confirmed number, masked (`***1234`); "" when there is none, as in the seed. */
  currentPhoneNumber: string;
  newPhoneNumber: { phoneNumber: string | null };
  confirmCodeLength: number;
}

export interface EmailReply {
  currentEmail: string | null;
  newEmail: { email: string | null };
  confirmCodeLength: number;
}

export type QuestionNodeType = 'Header' | 'Question';

/** A node of the questionnaire tree, with the seed's field names. */
export interface QuestionNode {
  nodeType: QuestionNodeType;
  displayName: string;
  description: string | null;
  logicalName: string | null;
  value: string | null;
  readOnly: boolean;
  required: boolean | null;
  id: number | null;
  groupID: number | null;
  selected: boolean | null;
  maxLength: number | null;
  fieldType: string | null;
  children: QuestionNode[] | null;
}

export interface QuestionsReply {
  questions: QuestionNode[];
}

/** `details` of a QuestionnaireInvalid fault: the seed's `data.errors`. */
export interface QuestionnaireErrors {
  errors: { idQuestion: string; errors: string[] }[];
}

export interface EmitVirtualCardStepReply {
  emitted: boolean;
}

export interface FinishRegistrationReply {
  registrationCompleted: boolean;
  /** A new token's grant when the registration is complete, else null. */
  session: SessionGrant | null;
  /** Required steps not done yet (empty when complete). */
  missingSteps: UserActionType[];
}

/** The delivery channels of a subscription type (SPEC §2.1), in the seed's order. */
export const SUBSCRIPTION_CHANNELS = ['mail', 'push', 'sms', 'viber', 'chatBot', 'socialNetworks'] as const;
export type SubscriptionChannel = (typeof SUBSCRIPTION_CHANNELS)[number];
export type SubscriptionChannelStates = Record<SubscriptionChannel, SubscriptionState>;

const CHANNEL_STATES = ['Enabled', 'Disabled'];

/** Channels to switch; a channel left out keeps its state. */
export class SubscriptionChannelsChange {
  @IsOptional() @IsIn(CHANNEL_STATES) mail?: SubscriptionState;
  @IsOptional() @IsIn(CHANNEL_STATES) push?: SubscriptionState;
  @IsOptional() @IsIn(CHANNEL_STATES) sms?: SubscriptionState;
  @IsOptional() @IsIn(CHANNEL_STATES) viber?: SubscriptionState;
  @IsOptional() @IsIn(CHANNEL_STATES) chatBot?: SubscriptionState;
  @IsOptional() @IsIn(CHANNEL_STATES) socialNetworks?: SubscriptionState;
}

/** `POST User/Subscriptions`: switch channels of one subscription type. */
export class SetSubscriptionRequest extends MemberRequest {
  @IsInt()
  @Min(1)
  subscriptionTypeId: number;

  @IsObject()
  @ValidateNested()
  @Type(() => SubscriptionChannelsChange)
  subscriptionInfo: SubscriptionChannelsChange;
}

/** One subscription type with the member's channel states (the seed event's fields). */
export interface MemberSubscription {
  subscriptionTypeId: number;
  subscriptionTypeCode: string;
  subscriptionTypeName: string;
  mailingSubscriptionType: string;
  subscriptionInfo: SubscriptionChannelStates;
}

export interface SubscriptionsReply {
  subscriptions: MemberSubscription[];
}

export interface SetSubscriptionReply {
  subscription: MemberSubscription;
  /** False when every channel already was as asked: nothing stored, no event. */
  changed: boolean;
}

/** One of the member's attributes, named as `customer.attribute.update` names it. */
export interface MemberAttribute {
  attributeId: number;
  attributeCode: string;
  userAttributeType: UserAttributeType;
  value: string;
}

export interface AttributesReply {
  attributes: MemberAttribute[];
}

/** System API: merge member `fromCustomerId` into `toCustomerId` (cards and balance follow by events). */
export class MergeMembersRequest {
  @IsInt()
  @Min(1)
  toCustomerId: number;

  @IsInt()
  @Min(1)
  fromCustomerId: number;

  /** Numeric id of the OAuth client that made the call (the event's `applicationId`). */
  @IsOptional()
  @IsInt()
  applicationId?: number | null;
}

export interface MergeMembersReply {
  toCustomerId: number;
  fromCustomerId: number;
}
