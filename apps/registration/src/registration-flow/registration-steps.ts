import { RegistrationErrorCode, UserAction, UserActionType } from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { RegistrationConfig } from '../config/registration.config';
import type { Member } from '../members/member.entity';
import { missingSteps, RegistrationFacts, RegistrationSteps as StepSettings, stepAvailability, userActions } from './registration-progress';

/** The state machine of registration-progress.ts applied to a stored member and the configuration. */
@Injectable()
export class RegistrationSteps {
  private readonly settings: StepSettings;

  constructor(config: RegistrationConfig) {
    this.settings = { email: config.EMAIL_STEP, mainCardAssigning: config.MAIN_CARD_ASSIGNING_REQUIRED };
  }

  actions(member: Member): UserAction[] {
    return userActions(factsOf(member), this.settings);
  }

  missing(member: Member): UserActionType[] {
    return missingSteps(this.actions(member));
  }

  /** Whether AssignCard is one of the member's steps (MAIN_CARD_ASSIGNING_REQUIRED 1 or 2). */
  hasStep(member: Member, step: UserActionType): boolean {
    return stepAvailability(this.actions(member), step) !== 'absent';
  }

  /** Refuses a step that is done (a protocol error: steps are never repeated) or switched off. */
  ensureOpen(member: Member, step: UserActionType): void {
    const availability = stepAvailability(this.actions(member), step);
    if (availability === 'done') throw new RpcFault(RegistrationErrorCode.StepAlreadyDone, `Шаг регистрации ${step} уже выполнен.`, { step });
    if (availability === 'absent') throw new RpcFault(RegistrationErrorCode.StepNotAvailable, `Шаг регистрации ${step} не используется.`, { step });
  }
}

export function factsOf(member: Member): RegistrationFacts {
  return {
    offerAccepted: member.offerAcceptedAt !== null,
    phoneConfirmed: member.phoneConfirmedAt !== null,
    emailConfirmed: member.emailConfirmedAt !== null,
    passwordSet: member.passwordHash !== null,
    questionnaireCompleted: member.questionnaireCompletedAt !== null,
    // Registering with a card number assigns that card.
    cardAssigned: member.loginType === 'Card' || member.cardAssignedAt !== null,
  };
}
