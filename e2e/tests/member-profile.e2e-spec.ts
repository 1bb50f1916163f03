import { RoutingKey } from '@loyalty/contracts';
import { CapturedEvent, EventLog } from '../support/event-log';
import { Api, ApiResponse, tokenClaims } from '../support/http-client';
import { Platform } from '../support/platform';
import { adminToken, CodeInbox, COMPLETE_ANSWERS, newPhone, seedMismatches } from '../support/registration-helpers';

// Issue 4 (SPEC §3.3, §2.1): the member's subscriptions (customer.subscription.update) and
// attributes through the gateway, with the real registration, cards and gateway apps.

interface Subscription {
  subscriptionTypeId: number;
  subscriptionTypeCode: string;
  subscriptionTypeName: string;
  mailingSubscriptionType: string;
  subscriptionInfo: Record<string, string>;
}

const ALL_DISABLED = { mail: 'Disabled', push: 'Disabled', sms: 'Disabled', viber: 'Disabled', chatBot: 'Disabled', socialNetworks: 'Disabled' };

describe('member subscriptions and attributes end to end', () => {
  let platform: Platform;
  let api: Api;
  let smc: EventLog;
  let codes: CodeInbox;
  let token: string;
  let memberId: number;
  const phone = newPhone();

  beforeAll(async () => {
    platform = await Platform.start();
    api = new Api(platform.gatewayUrl);
    smc = await EventLog.open([RoutingKey.CustomerSubscriptionUpdate]);
    codes = await CodeInbox.open();
    // A member with an accepted offer, a confirmed phone and the questionnaire answered.
    const begun = await expectOk(api.post<{ authToken: string }>('/api/v1/Registration/BeginRegistration', { json: { login: phone, password: '' } }));
    token = begun.authToken;
    memberId = Number(tokenClaims(token).sub);
    await expectOk(api.post('/api/v1/User/AcceptTenderOffer', { token }));
    token = (await expectOk(api.post<{ authToken: string }>('/api/v1/User/PhoneNumber/Confirm', { token, json: { confirmCode: await codes.nextCode(phone) } }))).authToken;
    await expectOk(api.post('/api/v1/User/Answers', { token, json: { answers: COMPLETE_ANSWERS } }));
  }, 120_000);

  afterAll(async () => {
    await smc?.close();
    await codes?.close();
    await platform?.stop();
  });

  async function expectOk<T>(promise: Promise<ApiResponse<T>>): Promise<T> {
    const response = await promise;
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body.data;
  }

  const subscriptionEvents = () => smc.events.filter((event) => (event.body['customerInfo'] as { customerId: number }).customerId === memberId);
  const setSubscription = (json: unknown, as = token) => api.post<{ changed: boolean; subscription: Subscription }>('/api/v1/User/Subscriptions', { token: as, json });

  function expectSeedModel(event: CapturedEvent): void {
    expect(seedMismatches(event)).toEqual([]);
    expect(event.properties.type).toBe('OnCustomerSubscriptionChange');
    expect(event.body['externalId']).toBe(event.properties.messageId);
  }

  describe('User/Subscriptions', () => {
    it('lists the default subscription type with every channel Disabled', async () => {
      const response = await api.get<{ subscriptions: Subscription[] }>('/api/v1/User/Subscriptions', { token });
      expect(response.status).toBe(200);
      expect(response.body.data.subscriptions).toEqual([
        {
          mailingSubscriptionType: 'Cashback',
          subscriptionTypeId: 1,
          subscriptionTypeCode: 'DiscountOperation',
          subscriptionTypeName: 'Discount accrual notifications',
          subscriptionInfo: ALL_DISABLED,
        },
      ]);
    });

    it('switching channels publishes one customer.subscription.update with every channel, in the seed model', async () => {
      const response = await setSubscription({ subscriptionTypeId: 1, subscriptionInfo: { mail: 'Enabled', sms: 'Enabled' } });
      expect(response.status).toBe(200);
      expect(response.body.result).toEqual({ state: 'Success', message: null, validationErrors: null });
      const expected = { ...ALL_DISABLED, mail: 'Enabled', sms: 'Enabled' };
      expect(response.body.data).toEqual({ changed: true, subscription: expect.objectContaining({ subscriptionTypeId: 1, subscriptionInfo: expected }) });

      const [event] = await smc.waitFor(subscriptionEvents, 1, 'the subscription event');
      expectSeedModel(event);
      expect(event.body).toMatchObject({
        mailingSubscriptionType: 'Cashback',
        subscriptionTypeId: 1,
        subscriptionTypeCode: 'DiscountOperation',
        subscriptionTypeName: 'Discount accrual notifications',
        subscriptionInfo: expected,
        eventCode: 'OnCustomerSubscriptionChange',
        customerInfo: { customerId: memberId, applicationId: 2 },
      });
      expect((await api.get<{ subscriptions: Subscription[] }>('/api/v1/User/Subscriptions', { token })).body.data.subscriptions[0].subscriptionInfo).toEqual(expected);
    });

    it('asking for the current states is a no-op: no event, and the answer says so', async () => {
      const noop = await setSubscription({ subscriptionTypeId: 1, subscriptionInfo: { mail: 'Enabled', push: 'Disabled' } });
      expect(noop.status).toBe(200);
      expect(noop.body.data.changed).toBe(false);
      expect(noop.body.result.message).toMatch(/nothing changed/);
      const change = await setSubscription({ subscriptionTypeId: 1, subscriptionInfo: { mail: 'Disabled' } });
      expect(change.body.data.changed).toBe(true);
      const events = await smc.waitFor(subscriptionEvents, 2, 'the second subscription event');
      // The later change arrived, so an event of the no-op would have arrived before it.
      expect(events).toHaveLength(2);
      expectSeedModel(events[1]);
      expect(events.map((event) => (event.body['subscriptionInfo'] as Record<string, string>)['mail'])).toEqual(['Enabled', 'Disabled']);
    });

    it('refuses an unknown type (422), bad states or bodies (400), and callers without a member token', async () => {
      const unknown = await setSubscription({ subscriptionTypeId: 99, subscriptionInfo: { mail: 'Enabled' } });
      expect({ status: unknown.status, code: (unknown.body.data as unknown as { code: string }).code }).toEqual({ status: 422, code: 'SubscriptionTypeNotFound' });
      for (const [json, field] of [
        [{ subscriptionTypeId: 1, subscriptionInfo: { mail: 'On' } }, 'subscriptionInfo.mail'],
        [{ subscriptionTypeId: 1 }, 'subscriptionInfo'],
        [{ subscriptionTypeId: 'one', subscriptionInfo: {} }, 'subscriptionTypeId'],
      ] as const) {
        const response = await setSubscription(json);
        expect({ status: response.status, fields: response.body.result.validationErrors?.map((error) => error.field) }).toEqual({ status: 400, fields: [field] });
      }
      expect((await api.get('/api/v1/User/Subscriptions')).status).toBe(401);
      expect((await setSubscription({ subscriptionTypeId: 1, subscriptionInfo: { mail: 'Enabled' } }, await adminToken(api))).status).toBe(403);
      expect(subscriptionEvents()).toHaveLength(2);
    });
  });

  describe('User/Attributes', () => {
    it('lists the offer acceptance, the confirmed phone and the answers as the attribute events name them', async () => {
      const response = await api.get<{ attributes: unknown[] }>('/api/v1/User/Attributes', { token });
      expect(response.status).toBe(200);
      expect(response.body.data.attributes).toEqual([
        { attributeId: 1, attributeCode: 'AcceptTenderOffer', userAttributeType: 'System', value: 'true' },
        { attributeId: 3, attributeCode: 'Phone', userAttributeType: 'Notifier', value: phone },
        { attributeId: 101, attributeCode: 'FirstName', userAttributeType: 'Questionnaire', value: 'Иван' },
        { attributeId: 102, attributeCode: 'LastName', userAttributeType: 'Questionnaire', value: 'Петров' },
        { attributeId: 105, attributeCode: 'Sex', userAttributeType: 'Questionnaire', value: 'Male' },
        { attributeId: 107, attributeCode: 'BirthDate', userAttributeType: 'Questionnaire', value: '1990-05-17' },
      ]);
      expect((await api.get('/api/v1/User/Attributes', { token: await adminToken(api) })).status).toBe(403);
    });
  });
});
