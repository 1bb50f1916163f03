import { messagingEntities, messagingMigrations } from '@loyalty/messaging';
import type { DatabaseOptions } from '@loyalty/persistence';
import { ConfirmationCode } from './confirmation/confirmation-code.entity';
import { MemberIdentifier } from './members/member-identifier.entity';
import { Member } from './members/member.entity';
import { RegistrationTables1764200000000 } from './migrations/1764200000000-registration-tables';
import { MemberSubscriptions1765300000000 } from './migrations/1765300000000-member-subscriptions';
import { MemberMerge1765400000000 } from './migrations/1765400000000-member-merge';
import { QuestionnaireAnswer } from './questionnaire/questionnaire-answer.entity';

/** The registration database: members and their registration data, plus the outbox and inbox. */
export function registrationDatabase(url: string): DatabaseOptions {
  return {
    url,
    entities: [Member, MemberIdentifier, ConfirmationCode, QuestionnaireAnswer, ...messagingEntities],
    migrations: [...messagingMigrations, RegistrationTables1764200000000, MemberSubscriptions1765300000000, MemberMerge1765400000000],
    applicationName: 'registration',
  };
}
