import { Client } from 'pg';
import { Api, tokenClaims } from '../support/http-client';
import { Platform } from '../support/platform';
import { adminToken, CodeInbox, COMPLETE_ANSWERS, newCardNumber, newPhone, ok } from '../support/registration-helpers';

// Protocol errors of seed 001 (repeated steps, codes, the questionnaire's age rule, an unfinished
// registration), input validation, object-level authorization, scopes and rate limits.

const LOGINS_PER_LOGIN = 5;

describe('registration errors, authorization and limits', () => {
  let platform: Platform;
  let api: Api;
  let codes: CodeInbox;
  let registrationDb: Client;

  beforeAll(async () => {
    platform = await Platform.start({ env: { gateway: { RATE_LIMIT_LOGINS_PER_LOGIN: String(LOGINS_PER_LOGIN) } } });
    api = new Api(platform.gatewayUrl);
    codes = await CodeInbox.open();
    registrationDb = new Client({ connectionString: platform.databases.registration.url });
    await registrationDb.connect();
  }, 120_000);

  afterAll(async () => {
    await registrationDb?.end();
    await codes?.close();
    await platform?.stop();
  });

  async function begin(phone = newPhone()): Promise<{ phone: string; token: string; memberId: number }> {
    const response = await api.post<{ authToken: string }>('/api/v1/Registration/BeginRegistration', { json: { login: phone, password: '' } });
    expect(response.status).toBe(200);
    const token = response.body.data.authToken;
    phoneOf.set(token, phone);
    return { phone, token, memberId: Number(tokenClaims(token).sub) };
  }

  const phoneOf = new Map<string, string>();

  /** A 422 business answer: `result.state` Error, the service's message, its code in `data`. */
  const protocolError = (code: string, message?: string) => ({
    data: expect.objectContaining({ code }),
    result: { state: 'Error', message: message ?? expect.any(String), validationErrors: null },
  });

  describe('protocol errors', () => {
    it('refuses a step that is already done', async () => {
      const { token } = await begin();
      expect((await api.post('/api/v1/User/AcceptTenderOffer', { token })).status).toBe(200);
      const again = await api.post('/api/v1/User/AcceptTenderOffer', { token });
      expect(again.status).toBe(422);
      expect(again.body).toEqual(protocolError('StepAlreadyDone'));
    });

    it('refuses a repeated password step and a second phone confirmation', async () => {
      const { phone, token: first } = await begin();
      const confirmed = await api.post<{ authToken: string }>('/api/v1/User/PhoneNumber/Confirm', { token: first, json: { confirmCode: await codes.nextCode(phone) } });
      const token = confirmed.body.data.authToken;
      const confirmAgain = await api.post('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: '000000' } });
      expect(confirmAgain.status).toBe(422);
      expect(confirmAgain.body).toEqual(protocolError('StepAlreadyDone'));
      const password = await api.post<{ authToken: string }>('/api/v1/User/Password/Set', { token, json: { password: '111111' } });
      const again = await api.post('/api/v1/User/Password/Set', { token: password.body.data.authToken, json: { password: '222222' } });
      expect(again.status).toBe(422);
      expect(again.body).toEqual(protocolError('StepAlreadyDone'));
    });

    it('refuses a wrong code, and after five wrong codes even the right one', async () => {
      const { phone, token } = await begin();
      const code = await codes.nextCode(phone);
      const wrongCode = code === '000000' ? '111111' : '000000';
      const first = await api.post('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: wrongCode } });
      expect(first.status).toBe(422);
      expect(first.body).toEqual(protocolError('ConfirmCodeInvalid', 'Неверный код подтверждения.'));
      expect(first.body.data).toEqual({ code: 'ConfirmCodeInvalid', attemptsLeft: 4 });
      for (let attempt = 2; attempt <= 4; attempt += 1) {
        expect((await api.post('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: wrongCode } })).body.data).toEqual({
          code: 'ConfirmCodeInvalid',
          attemptsLeft: 5 - attempt,
        });
      }
      const fifth = await api.post('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: wrongCode } });
      expect(fifth.body).toEqual(protocolError('ConfirmCodeLocked'));
      const right = await api.post('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: code } });
      expect(right.status).toBe(422);
      expect(right.body).toEqual(protocolError('ConfirmCodeLocked'));
      const actions = await api.get<{ actions: { userActionType: string; isDone: boolean }[] }>('/api/v1/user/actions', { token });
      expect(actions.body.data.actions.find((action) => action.userActionType === 'ChangePhone')?.isDone).toBe(false);
    });

    it('refuses an expired code', async () => {
      const { phone, token, memberId } = await begin();
      const code = await codes.nextCode(phone);
      // Ten minutes pass: the code's expiry is moved into the past in the service's own database.
      await registrationDb.query(`UPDATE confirmation_code SET expires_at = now() - interval '1 second' WHERE member_id = $1`, [memberId]);
      const response = await api.post('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: code } });
      expect(response.status).toBe(422);
      expect(response.body).toEqual(protocolError('ConfirmCodeExpired'));
    });

    it('refuses to resend a code within a minute (429 with Retry-After), and a resent code replaces the old one', async () => {
      const { phone, token, memberId } = await begin();
      const first = await codes.nextCode(phone);
      const tooEarly = await api.post('/api/v1/User/PhoneNumber/SendConfirmCode', { token });
      expect(tooEarly.status).toBe(429);
      expect(tooEarly.body.data).toBeNull();
      expect(tooEarly.body.result).toMatchObject({ state: 'Error', message: expect.stringMatching(/^Повторная отправка кода возможна через \d+ с\.$/) });
      expect(Number(tooEarly.headers.get('retry-after'))).toBeGreaterThan(50);
      // A minute passes.
      await registrationDb.query(`UPDATE confirmation_code SET created_at = created_at - interval '61 seconds' WHERE member_id = $1`, [memberId]);
      expect((await api.post('/api/v1/User/PhoneNumber/SendConfirmCode', { token })).status).toBe(200);
      const second = await codes.nextCode(phone);
      if (first !== second) {
        const old = await api.post('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: first } });
        expect(old.body.data).toMatchObject({ code: 'ConfirmCodeInvalid' });
      }
      expect((await api.post('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: second } })).status).toBe(200);
    });

    it('refuses a member under 18: idQuestion "7" with the seed text, and the questionnaire stays open', async () => {
      const { token } = await begin();
      const seventeen = new Date();
      seventeen.setUTCFullYear(seventeen.getUTCFullYear() - 17);
      const answers = COMPLETE_ANSWERS.map((answer) => (answer.id === 7 && answer.groupID === null ? { ...answer, value: seventeen.toISOString().slice(0, 10) } : answer));
      const response = await api.post('/api/v1/User/Answers', { token, json: { answers } });
      expect(response.status).toBe(422);
      expect(response.body.data).toEqual({
        code: 'QuestionnaireInvalid',
        errors: [{ idQuestion: '7', errors: ['Не допускается участие в программе лиц младше 18 лет'] }],
      });
      expect(response.body.result.state).toBe('Error');
      const actions = await api.get<{ actions: { userActionType: string; isDone: boolean }[] }>('/api/v1/user/actions', { token });
      expect(actions.body.data.actions.find((action) => action.userActionType === 'Questions')?.isDone).toBe(false);
    });

    it('TryFinishRegistration with steps missing: registrationCompleted false and the missing steps', async () => {
      const { token } = await begin();
      await api.post('/api/v1/User/AcceptTenderOffer', { token });
      const response = await api.post('/api/v1/Registration/TryFinishRegistration', { token });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        ok({ registrationCompleted: false, authToken: null, missingSteps: ['ChangePhone', 'PasswordRequired', 'Questions', 'AssignCard'] }),
      );
      // The token was not replaced.
      expect((await api.get('/api/v1/user/actions', { token })).status).toBe(200);
    });

    it('refuses a card that does not exist or belongs to someone else', async () => {
      const { token } = await begin();
      const unknown = await api.post('/api/v1/Cards/Set', { token, json: { cardNumber: newCardNumber() } });
      expect(unknown.status).toBe(422);
      expect(unknown.body).toEqual(protocolError('CardNotFound', 'Карта не найдена.'));
    });
  });

  describe('bad input', () => {
    let token: string;

    beforeAll(async () => {
      ({ token } = await begin());
    });

    it.each([
      ['BeginRegistration without a body', 'POST', '/api/v1/Registration/BeginRegistration', undefined, 'login'],
      ['a login with letters', 'POST', '/api/v1/Registration/BeginRegistration', { login: '7912abc', password: '' }, 'login'],
      ['a password that is not a string', 'POST', '/api/v1/Registration/BeginRegistration', { login: '79123487979', password: 111111 }, 'password'],
      ['a confirm code that is not digits', 'POST', '/api/v1/User/PhoneNumber/Confirm', { confirmCode: 'abc' }, 'confirmCode'],
      ['a short phone number', 'POST', '/api/v1/User/PhoneNumber', { phoneNumber: '12345' }, 'phoneNumber'],
      ['a short password', 'POST', '/api/v1/User/Password/Set', { password: '123' }, 'password'],
      ['an email that is not one', 'POST', '/api/v1/User/Email', { email: 'not-an-email' }, 'email'],
      ['answers that are not a list', 'POST', '/api/v1/User/Answers', { answers: 'all of them' }, 'answers'],
      ['an answer without an id', 'POST', '/api/v1/User/Answers', { answers: [{ groupID: null, value: 'x', selected: false }] }, 'answers.0.id'],
      ['a card number with letters', 'POST', '/api/v1/Cards/Set', { cardNumber: 'card-1' }, 'cardNumber'],
      ['an unknown grant type', 'POST', '/api/v1/token', { grant_type: 'implicit' }, 'grant_type'],
    ])('answers 400 with validationErrors for %s', async (_case, method, path, json, field) => {
      const response = await api.send(method, path, { token, json: json ?? {} });
      expect(response.status).toBe(400);
      expect(response.body.result.state).toBe('ValidationError');
      expect(response.body.result.validationErrors?.map((error) => error.field)).toContain(field);
    });

    it('answers 400 for malformed JSON and for a bad query flag, never 500', async () => {
      const malformed = await api.send('POST', '/api/v1/Registration/BeginRegistration', { json: '{"login": "7912', headers: {} });
      expect(malformed.status).toBe(400);
      const flag = await api.get('/api/v1/User/Questions?filter.onlyRequired=maybe', { token });
      expect(flag.status).toBe(400);
    });

    it('answers 422 naming the question for an unknown question or option', async () => {
      const response = await api.post('/api/v1/User/Answers', { token, json: { answers: [{ groupID: 5, id: 9, value: null, selected: true }] } });
      expect(response.status).toBe(422);
      expect(response.body.data).toEqual({ code: 'QuestionnaireInvalid', errors: [{ idQuestion: '5', errors: ['Такого варианта ответа нет.'] }] });
    });
  });

  describe('authorization', () => {
    it('answers 401 without a token, with a forged one, or with a superseded one', async () => {
      expect((await api.get('/api/v1/user/actions')).status).toBe(401);
      const { token } = await begin();
      const [header, payload] = token.split('.');
      const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
      const forgedResponse = await api.get('/api/v1/user/actions', { token: forged });
      expect(forgedResponse.status).toBe(401);
      expect(forgedResponse.headers.get('www-authenticate')).toBe('Bearer');
      // Continuing the registration issues a new token; the first one is superseded.
      const resumed = await api.post<{ authToken: string }>('/api/v1/Registration/BeginRegistration', {
        json: { login: phoneOf.get(token), password: '' },
      });
      expect(resumed.status).toBe(200);
      const superseded = await api.get('/api/v1/user/actions', { token });
      expect(superseded.status).toBe(401);
      expect(superseded.body.result.state).toBe('Error');
      expect((await api.get('/api/v1/user/actions', { token: resumed.body.data.authToken })).status).toBe(200);
    });

    it("never lets one member's token act on another member's data", async () => {
      const alice = await begin();
      const bob = await begin();
      // Bob's token shows Bob's number; the member comes from the token, not the request.
      const bobsPhone = await api.get('/api/v1/User/PhoneNumber', { token: bob.token, json: undefined, headers: { 'x-member-id': String(alice.memberId) } });
      expect(bobsPhone.body.data).toMatchObject({ newPhoneNumber: { phoneNumber: `***${bob.phone.slice(-4)}` } });
      // Alice's token with Bob's id written in: the signature no longer matches.
      const [header, payload, signature] = alice.token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const swapped = [header, Buffer.from(JSON.stringify({ ...claims, sub: String(bob.memberId) })).toString('base64url'), signature].join('.');
      expect((await api.post('/api/v1/User/AcceptTenderOffer', { token: swapped })).status).toBe(401);
      // Alice confirming with Bob's code does not confirm Bob's (or Alice's) phone.
      const bobsCode = await codes.nextCode(bob.phone);
      const confirm = await api.post('/api/v1/User/PhoneNumber/Confirm', { token: alice.token, json: { confirmCode: bobsCode } });
      if (confirm.status === 200) throw new Error('a code sent to another member confirmed this member');
      const bobsActions = await api.get<{ actions: { userActionType: string; isDone: boolean }[] }>('/api/v1/user/actions', { token: bob.token });
      expect(bobsActions.body.data.actions.find((action) => action.userActionType === 'ChangePhone')?.isDone).toBe(false);
    });

    it('keeps the System API to admin clients', async () => {
      const body = { cardNumbers: [newCardNumber()], categoryId: 1 };
      expect((await api.post('/api/v1/system/cards/import', { json: body })).status).toBe(401);
      const member = await begin();
      expect((await api.post('/api/v1/system/cards/import', { token: member.token, json: body })).status).toBe(403);
      const admin = await adminToken(api);
      const imported = await api.post('/api/v1/system/cards/import', { token: admin, json: body });
      expect(imported.body).toEqual(ok({ imported: 1, duplicates: [] }));
      const again = await api.post('/api/v1/system/cards/import', { token: admin, json: { ...body, cardNumbers: [...body.cardNumbers, newCardNumber()] } });
      expect(again.body.data).toEqual({ imported: 1, duplicates: body.cardNumbers });
      // An admin (client) token is not a member token.
      expect((await api.get('/api/v1/user/actions', { token: admin })).status).toBe(403);
    });

    it('issues client tokens only to known clients with the right secret and scope', async () => {
      expect((await api.post('/api/v1/token', { form: { grant_type: 'client_credentials', client_id: 'e2e-admin', client_secret: 'wrong-secret-0000' } })).status).toBe(401);
      const basic = Buffer.from('e2e-admin:e2e-admin-secret-0001').toString('base64');
      const viaBasic = await api.post('/api/v1/token', { form: { grant_type: 'client_credentials' }, headers: { authorization: `Basic ${basic}` } });
      expect(viaBasic.status).toBe(200);
      expect(viaBasic.body).toMatchObject({ token_type: 'Bearer', scope: 'admin', data: { scope: 'admin' } });
      const notGranted = await api.post('/api/v1/token', { form: { grant_type: 'client_credentials', client_id: 'e2e-admin', client_secret: 'e2e-admin-secret-0001', scope: 'pos' } });
      expect(notGranted.status).toBe(403);
    });
  });

  describe('rate limits', () => {
    it(`refuses more than ${LOGINS_PER_LOGIN} password attempts per login in the window with 429`, async () => {
      const phone = newPhone();
      const statuses: number[] = [];
      for (let attempt = 0; attempt <= LOGINS_PER_LOGIN; attempt += 1) {
        statuses.push((await api.post('/api/v1/token', { form: { grant_type: 'password', username: phone, password: 'guess-1234' } })).status);
      }
      expect(statuses).toEqual([...Array(LOGINS_PER_LOGIN).fill(401), 429]);
    });

    it('refuses more than 5 code requests for one phone in the window with 429, at the gateway', async () => {
      const phone = newPhone();
      const { token } = await begin(phone);
      const statuses: number[] = [];
      // Begin sent the first code; the gateway counts four more code requests for this number.
      const messages: (string | null)[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const response = await api.post('/api/v1/User/PhoneNumber', { token, json: { phoneNumber: phone } });
        statuses.push(response.status);
        messages.push(response.body.result.message);
      }
      expect(messages.slice(0, 4).every((message) => message?.startsWith('Повторная отправка кода'))).toBe(true);
      expect(messages[4]).toBe('Too many requests, retry later');
      // The first ones reach registration, which refuses a second code within a minute; the fifth
      // is stopped by the gateway before any service is asked.
      expect(statuses).toEqual([429, 429, 429, 429, 429]);
      const last = await api.post('/api/v1/User/PhoneNumber', { token, json: { phoneNumber: phone } });
      expect(last.body.result.message).toBe('Too many requests, retry later');
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
});
