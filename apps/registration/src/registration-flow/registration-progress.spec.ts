import { missingSteps, RegistrationFacts, stepAvailability, userActions } from './registration-progress';

const nothingDone: RegistrationFacts = {
  offerAccepted: false,
  phoneConfirmed: false,
  emailConfirmed: false,
  passwordSet: false,
  questionnaireCompleted: false,
  cardAssigned: false,
};
const everythingDone: RegistrationFacts = {
  offerAccepted: true,
  phoneConfirmed: true,
  emailConfirmed: true,
  passwordSet: true,
  questionnaireCompleted: true,
  cardAssigned: true,
};

describe('registration state machine', () => {
  it('lists the six steps in the seed order with their required/optional state', () => {
    expect(userActions(nothingDone, { email: 'Optional', mainCardAssigning: 1 })).toEqual([
      { userActionType: 'AcceptTenderOffer', actionState: 'Required', isDone: false },
      { userActionType: 'ChangePhone', actionState: 'Required', isDone: false },
      { userActionType: 'ChangeEmail', actionState: 'Optional', isDone: false },
      { userActionType: 'PasswordRequired', actionState: 'Required', isDone: false },
      { userActionType: 'Questions', actionState: 'Required', isDone: false },
      { userActionType: 'AssignCard', actionState: 'Required', isDone: false },
    ]);
  });

  it('makes AssignCard optional under MainCardAssigningRequired=2 and drops it under 0', () => {
    const optional = userActions(nothingDone, { email: 'Optional', mainCardAssigning: 2 });
    expect(optional.find((entry) => entry.userActionType === 'AssignCard')?.actionState).toBe('Optional');
    const none = userActions(nothingDone, { email: 'Optional', mainCardAssigning: 0 });
    expect(none.map((entry) => entry.userActionType)).not.toContain('AssignCard');
  });

  it('follows the email step setting', () => {
    expect(userActions(nothingDone, { email: 'Required', mainCardAssigning: 0 })[2]).toEqual({
      userActionType: 'ChangeEmail',
      actionState: 'Required',
      isDone: false,
    });
    expect(userActions(nothingDone, { email: 'Off', mainCardAssigning: 0 }).map((entry) => entry.userActionType)).not.toContain('ChangeEmail');
  });

  it('reports the required steps still missing, and none once they are done', () => {
    const steps = { email: 'Optional' as const, mainCardAssigning: 1 };
    expect(missingSteps(userActions(nothingDone, steps))).toEqual(['AcceptTenderOffer', 'ChangePhone', 'PasswordRequired', 'Questions', 'AssignCard']);
    expect(missingSteps(userActions({ ...everythingDone, emailConfirmed: false }, steps))).toEqual([]);
    expect(missingSteps(userActions({ ...everythingDone, questionnaireCompleted: false }, steps))).toEqual(['Questions']);
    // An optional AssignCard does not hold the registration back.
    expect(missingSteps(userActions({ ...everythingDone, cardAssigned: false }, { email: 'Optional', mainCardAssigning: 2 }))).toEqual([]);
  });

  it('tells an open step from a done one and from one that is switched off', () => {
    const actions = userActions({ ...nothingDone, offerAccepted: true }, { email: 'Off', mainCardAssigning: 0 });
    expect(stepAvailability(actions, 'AcceptTenderOffer')).toBe('done');
    expect(stepAvailability(actions, 'ChangePhone')).toBe('open');
    expect(stepAvailability(actions, 'ChangeEmail')).toBe('absent');
    expect(stepAvailability(actions, 'AssignCard')).toBe('absent');
  });
});
