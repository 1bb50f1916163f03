import { validateMessage } from '../validation/validate-message';
import { EmitVirtualCardRequest, ImportCardsRequest, LinkCardRequest } from './cards.rpc';
import { BeginRegistrationRequest, SubmitAnswersRequest, VerifySessionRequest } from './registration.rpc';
import { EmailNotificationRequestedEvent, SmsNotificationRequestedEvent } from '../events/notification.events';

const member = { memberId: 12, customerUid: 'd4119aee-c0b1-48ea-902f-82beed917270', accountId: '1012', identifierId: 5, applicationId: 2 };

describe('registration and cards RPC contracts', () => {
  it('accept the requests the services send', () => {
    expect(validateMessage(BeginRegistrationRequest, { login: '79123487979', password: '', applicationId: 2 }).ok).toBe(true);
    expect(validateMessage(VerifySessionRequest, { memberId: 1, tokenVersion: 3 }).ok).toBe(true);
    expect(
      validateMessage(SubmitAnswersRequest, {
        memberId: 1,
        answers: [
          { groupID: null, id: 2, value: '1', selected: false },
          { groupID: 5, id: 1, value: null, selected: true },
        ],
      }).ok,
    ).toBe(true);
    expect(validateMessage(LinkCardRequest, { member, cardNumber: '9116580844911085', linkSource: 'UserPortal' }).ok).toBe(true);
    expect(validateMessage(EmitVirtualCardRequest, { member: { ...member, identifierId: null }, linkSource: 'Registration', automatic: true }).ok).toBe(true);
  });

  it('name what is wrong in a bad request', () => {
    const begin = validateMessage(BeginRegistrationRequest, { login: '+7 912', password: 1 });
    expect(begin.ok).toBe(false);
    expect(begin.ok ? [] : begin.errors).toEqual(expect.arrayContaining(['login: login must be 6-32 digits', 'password: password must be a string']));
    expect(validateMessage(LinkCardRequest, { cardNumber: '9116580844911085', linkSource: 'Somewhere' })).toMatchObject({ ok: false });
    const nested = validateMessage(LinkCardRequest, { member: { ...member, customerUid: 'nope' }, cardNumber: '9116580844911085', linkSource: 'Pos' });
    expect(nested).toEqual({ ok: false, errors: ['member.customerUid: customerUid must be a UUID'] });
    expect(validateMessage(SubmitAnswersRequest, { memberId: 1, answers: [{ id: 'x', selected: true }] })).toMatchObject({ ok: false });
    expect(validateMessage(ImportCardsRequest, { cardNumbers: ['123456', '123456'] })).toMatchObject({ ok: false });
  });
});

describe('notification events', () => {
  const common = {
    purpose: 'PhoneConfirmation',
    text: 'Код подтверждения: 123456',
    confirmCode: '123456',
    expiresAt: '2024-05-01T12:10:00Z',
    customerId: 1,
    customerUid: member.customerUid,
  };

  it('describe an SMS and an email with the code', () => {
    expect(validateMessage(SmsNotificationRequestedEvent, { ...common, eventCode: 'SmsNotificationRequested', phoneNumber: '79123487979' }).ok).toBe(true);
    expect(
      validateMessage(EmailNotificationRequestedEvent, {
        ...common,
        purpose: 'EmailConfirmation',
        eventCode: 'EmailNotificationRequested',
        email: 'test@loymax.ru',
        subject: 'Код',
      }).ok,
    ).toBe(true);
  });

  it('refuse a message without its recipient', () => {
    expect(validateMessage(SmsNotificationRequestedEvent, { ...common, eventCode: 'SmsNotificationRequested' })).toEqual({
      ok: false,
      errors: ['phoneNumber: is required'],
    });
  });
});
