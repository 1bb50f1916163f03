import type { AuthenticatedRequest } from '../auth/authenticated-member';
import { AccessDeniedError, RequestValidationError } from '../http/api-errors';
import { processingCaller } from './processing-caller';

const client = (applicationId: number) => ({ clientId: `c${applicationId}`, applicationId, scopes: [], confidential: true });
const memberRequest = {
  member: { memberId: 7, customerUid: '6f1c0d4e-2f7b-4d8e-9a44-2d1f3c5b7a90', accountId: '42', state: 'Registered', identifierId: 3, client: client(2) },
} as unknown as AuthenticatedRequest;
const posRequest = { oauthClient: { client: client(10), scopes: ['pos'] } } as unknown as AuthenticatedRequest;

describe('processingCaller', () => {
  it('takes the member and applicationId from a member token', () => {
    expect(processingCaller(memberRequest, undefined)).toEqual({
      member: { memberId: 7, customerUid: '6f1c0d4e-2f7b-4d8e-9a44-2d1f3c5b7a90', accountId: '42', identifierId: 3 },
      applicationId: 2,
    });
  });

  it('refuses an identifier with a member token (a member acts for themself only)', () => {
    expect(() => processingCaller(memberRequest, { type: 'Card', value: '9116000000000000' })).toThrow(AccessDeniedError);
  });

  it('passes a POS client the identifier and its applicationId, never a member', () => {
    expect(processingCaller(posRequest, { type: 'Card', value: '9116000000000000' })).toEqual({ identifier: { type: 'Card', value: '9116000000000000' }, applicationId: 10 });
  });

  it('needs an identifier from a POS client', () => {
    expect(() => processingCaller(posRequest, undefined)).toThrow(RequestValidationError);
  });
});
