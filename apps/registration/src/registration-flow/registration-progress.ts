import { UserAction, UserActionState, UserActionType } from '@loyalty/contracts';

/** What the member has done so far; the member entity's timestamps, as flags. */
export interface RegistrationFacts {
  offerAccepted: boolean;
  phoneConfirmed: boolean;
  emailConfirmed: boolean;
  passwordSet: boolean;
  questionnaireCompleted: boolean;
  /** A card was assigned in the AssignCard step, or the member registered with a card. */
  cardAssigned: boolean;
}

/** How the program configures the optional steps (SPEC §3.2). */
export interface RegistrationSteps {
  email: 'Required' | 'Optional' | 'Off';
  /** MAIN_CARD_ASSIGNING_REQUIRED: 0 no AssignCard step, 1 Required, 2 Optional. */
  mainCardAssigning: number;
}

/**
 * The registration state machine: which steps a member sees, which are done, and whether the
 * registration can be finished. Pure, so its rules are tested without a database.
 */
export function userActions(facts: RegistrationFacts, steps: RegistrationSteps): UserAction[] {
  const actions: UserAction[] = [
    action(UserActionType.AcceptTenderOffer, 'Required', facts.offerAccepted),
    action(UserActionType.ChangePhone, 'Required', facts.phoneConfirmed),
  ];
  if (steps.email !== 'Off') actions.push(action(UserActionType.ChangeEmail, steps.email, facts.emailConfirmed));
  actions.push(action(UserActionType.PasswordRequired, 'Required', facts.passwordSet));
  actions.push(action(UserActionType.Questions, 'Required', facts.questionnaireCompleted));
  if (steps.mainCardAssigning === 1 || steps.mainCardAssigning === 2) {
    actions.push(action(UserActionType.AssignCard, steps.mainCardAssigning === 1 ? 'Required' : 'Optional', facts.cardAssigned));
  }
  return actions;
}

/** Required steps not done yet, in step order; registration can finish when this is empty. */
export function missingSteps(actions: UserAction[]): UserActionType[] {
  return actions.filter((entry) => entry.actionState === 'Required' && !entry.isDone).map((entry) => entry.userActionType);
}

export type StepAvailability = 'open' | 'done' | 'absent';

/** Whether a step may be taken: `done` steps must not be repeated, `absent` ones are switched off. */
export function stepAvailability(actions: UserAction[], step: UserActionType): StepAvailability {
  const found = actions.find((entry) => entry.userActionType === step);
  if (!found) return 'absent';
  return found.isDone ? 'done' : 'open';
}

function action(userActionType: UserActionType, actionState: UserActionState, isDone: boolean): UserAction {
  return { userActionType, actionState, isDone };
}
