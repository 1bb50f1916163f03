import {
  BATCH_FINISHED_ROUTING_KEY,
  BatchErrorCode,
  BatchItemInput,
  BatchOperationsRpc,
  BatchState,
  BatchSubmitReply,
  HistoryRewardData,
  LOYALTY_EVENTS_EXCHANGE,
  ProcessingRpc,
} from '@loyalty/contracts';
import { RpcClient, RpcFault } from '@loyalty/messaging';
import { BrokerProbe, waitFor } from '@loyalty/testing';
import { BatchRequestBody, newRequestId, progressOf, submitBatch, waitUntilFinished } from './support/batches';
import { balanceOf, historyOf, linkMembers, newMember, TestMember } from './support/members';
import { BatchApp, ServiceProcess, startBatchApp } from './support/services';

const ACCEPTED = 'Операция выполнена успешно';

/** The seed's example request of each type, with its own requestId (the seed uses "123" for all four). */
function seedRequest(type: 2 | 3 | 4 | 5, requestId: string): BatchRequestBody {
  const item = {
    memberNo: '012345',
    Description: 'string',
    operationDate: '2013-08-14 12:26:14',
    merchantName: ' merchantName',
    transactionAmount: 152246.54,
    pointsAmount: 1522.46,
  };
  return {
    requestId,
    type,
    accrueDescription: 'string',
    currencyExternalId: 'string',
    lifeTimeDefinitionExternalId: 'string',
    accrue: [item, { ...item }, { ...item }],
  };
}

function item(member: TestMember, pointsAmount: number, extra: Partial<BatchItemInput> = {}): BatchItemInput {
  return { memberNo: member.cardNumber, Description: 'Компенсация', operationDate: '2024-05-01 10:00:00', merchantName: 'Shop', transactionAmount: 0, pointsAmount, ...extra };
}

async function refusal(call: Promise<unknown>): Promise<RpcFault> {
  try {
    await call;
  } catch (error) {
    if (error instanceof RpcFault) return error;
    throw error;
  }
  throw new Error('expected an RPC error');
}

describe('batch-operations against real processing, PostgreSQL and RabbitMQ', () => {
  let processing: ServiceProcess;
  let batch: BatchApp;
  let rpc: RpcClient;
  const seedMember: TestMember = { ...newMember(), cardNumber: '012345' };
  const members = Array.from({ length: 6 }, () => newMember());

  beforeAll(async () => {
    processing = await ServiceProcess.start('processing');
    batch = await startBatchApp({ BATCH_MAX_ITEMS: '20000', BATCH_CHUNK_SIZE: '100' });
    rpc = batch.rpc;
    await linkMembers(rpc, [seedMember, ...members]);
    // The seed's examples name the currency and the lifetime "string".
    await rpc.call(ProcessingRpc.PutCurrency, {
      externalId: 'string',
      name: 'Баллы',
      nameCases: { nominative: 'балл', genitive: 'балла', plural: 'баллов', abbreviation: 'б.' },
    });
    await rpc.call(ProcessingRpc.PutLifetime, { externalId: 'string', name: 'Год', durationDays: 365 });
  }, 120_000);

  afterAll(async () => {
    await batch?.close();
    await processing?.stop();
  });

  const seedBalance = () => rpc.call<{ amount: number }>(ProcessingRpc.Balance, { identifier: { type: 'Card', value: '012345' }, currencyExternalId: 'string' });

  describe('the seed examples', () => {
    const requestIds = { 2: newRequestId(), 3: newRequestId(), 4: newRequestId(), 5: newRequestId() } as const;

    it.each([
      [2, 4567.38],
      [3, 0],
      [4, 4567.38],
      [5, 0],
    ] as const)('type %i is accepted with status 0 and changes the balance to %d', async (type, balanceAfter) => {
      const { reply, outcome } = await submitBatch(rpc, seedRequest(type, requestIds[type]));
      expect(reply).toEqual({ requestId: requestIds[type], type, status: 0, message: ACCEPTED });
      expect(outcome).toBe('Accepted');
      const progress = await waitUntilFinished(rpc, requestIds[type]);
      expect(progress).toMatchObject({ state: BatchState.Processed, itemCount: 3, appliedCount: 3, failedCount: 0, pendingCount: 0, errors: [] });
      expect((await seedBalance()).amount).toBe(balanceAfter);
    });

    it('shows every item in History with its description, as RewardData or WithdrawData', async () => {
      const history = await historyOf(rpc, seedMember);
      expect(history.allCount).toBe(12);
      const byType = (type: string) => history.rows.filter((row) => row.type === type);
      expect(byType('RewardData')).toHaveLength(6);
      expect(byType('WithdrawData')).toHaveLength(6);
      for (const row of history.rows) {
        expect(new Date(row.dateTime).toISOString()).toBe('2013-08-14T12:26:14.000Z');
        expect(row.description).toBe('string');
        const data = row.data as HistoryRewardData;
        expect(data.description).toBe('string');
        expect(data.amount.amount).toBe(row.type === 'RewardData' ? 1522.46 : -1522.46);
        expect(data.amount.currencyInfo.externalId).toBe('string');
      }
    });

    it('answers a repeated requestId with the same body with the original reply and applies nothing again', async () => {
      const body = seedRequest(2, requestIds[2]);
      // Same values, other key order: the same body.
      const reordered = { ...body, accrue: body.accrue.map((entry) => Object.fromEntries(Object.entries(entry).reverse())) };
      const repeated = await submitBatch(rpc, reordered);
      expect(repeated).toEqual({ reply: { requestId: requestIds[2], type: 2, status: 0, message: ACCEPTED }, outcome: 'Repeated' });
      // Through the upload path too.
      expect((await submitBatch(rpc, body, 2)).outcome).toBe('Repeated');
      expect(await progressOf(rpc, requestIds[2])).toMatchObject({ state: BatchState.Processed, appliedCount: 3 });
      expect((await seedBalance()).amount).toBe(0);
      expect((await historyOf(rpc, seedMember)).allCount).toBe(12);
    });

    it('refuses a repeated requestId with a different body with status 1, saying why', async () => {
      const body = seedRequest(2, requestIds[2]);
      body.accrue[2] = { ...body.accrue[2], pointsAmount: 1522.47 };
      const { reply, outcome } = await submitBatch(rpc, body);
      expect(outcome).toBe('Conflict');
      expect(reply).toMatchObject({ requestId: requestIds[2], type: 2, status: 1 });
      expect(reply.message).toContain(`requestId "${requestIds[2]}" уже использован для запроса с другим содержимым`);
      expect((await seedBalance()).amount).toBe(0);
    });
  });

  describe('validation of the whole request', () => {
    it('rejects the request naming the bad items and stores nothing; the same requestId may then be used', async () => {
      const [member] = members;
      const requestId = newRequestId();
      const stranger = newMember();
      const body: BatchRequestBody = {
        requestId,
        type: 4,
        accrue: [
          item(member, 10),
          item(stranger, 10),
          item(member, 0),
          item(member, 1.234),
          item(member, 10, { operationDate: '14.08.2013 12:26:14' }),
          item(member, 10, { memberNo: stranger.customerUid }),
          item(member, 10),
        ],
      };
      const { reply, outcome } = await submitBatch(rpc, body);
      expect(outcome).toBe('Rejected');
      expect(reply).toMatchObject({ requestId, type: 4, status: 1 });
      expect(reply.message).toBe(
        'Запрос отклонён, ни одна операция не выполнена. Ошибки в элементах accrue: 5 из 7. ' +
          `accrue[1] (memberNo ${stranger.cardNumber}): участник не найден; ` +
          `accrue[2] (memberNo ${member.cardNumber}): pointsAmount: должен быть больше 0 и меньше 1 000 000 000 000; ` +
          `accrue[3] (memberNo ${member.cardNumber}): pointsAmount: не более 2 знаков после запятой; ` +
          `accrue[4] (memberNo ${member.cardNumber}): operationDate "14.08.2013 12:26:14": ожидается "ГГГГ-ММ-ДД чч:мм:сс" или ISO-8601 со смещением; ` +
          `accrue[5] (memberNo ${stranger.customerUid}): участник не найден.`,
      );
      expect((await refusal(progressOf(rpc, requestId))).code).toBe(BatchErrorCode.BatchNotFound);
      expect(await balanceOf(rpc, member)).toBe(0);

      const fixed = { ...body, accrue: [item(member, 10), item(member, 0.5, { memberNo: member.customerUid })] };
      expect((await submitBatch(rpc, fixed)).reply).toEqual({ requestId, type: 4, status: 0, message: ACCEPTED });
      await waitUntilFinished(rpc, requestId);
      expect(await balanceOf(rpc, member)).toBe(10.5);
    });

    it('rejects an unknown currency or lifetime, and a batch larger than allowed', async () => {
      const [, member] = members;
      const { reply } = await submitBatch(rpc, {
        requestId: newRequestId(),
        type: 2,
        currencyExternalId: 'EUR',
        lifeTimeDefinitionExternalId: 'forever-and-a-day',
        accrue: [item(member, 1)],
      });
      expect(reply.status).toBe(1);
      expect(reply.message).toBe(
        'Запрос отклонён, ни одна операция не выполнена. Валюта currencyExternalId "EUR" не найдена; ' +
          'Время жизни lifeTimeDefinitionExternalId "forever-and-a-day" не найдено.',
      );
      const tooMany = await rpc.call<BatchSubmitReply>(BatchOperationsRpc.Submit, { requestId: newRequestId(), type: 2, itemCount: 20_001, uploadId: '0d4f0a56-2a55-4a33-8c39-0d3c6c1f1d10' });
      expect(tooMany.reply.message).toContain('В accrue 20001 элементов, допускается не более 20000');
      expect(await balanceOf(rpc, member)).toBe(0);
    });

    it('answers BatchNotFound for the progress of an unknown requestId', async () => {
      expect((await refusal(progressOf(rpc, 'never-sent'))).code).toBe(BatchErrorCode.BatchNotFound);
    });
  });

  describe('applying', () => {
    it('fails only the withdrawal larger than the balance under SuppressNegative, and lists it in progress', async () => {
      const member = members[2];
      const accrual = newRequestId();
      await submitBatch(rpc, { requestId: accrual, type: 2, accrue: [item(member, 10)] });
      await waitUntilFinished(rpc, accrual);

      const requestId = newRequestId();
      const reply = await submitBatch(rpc, {
        requestId,
        type: 5,
        accrueDescription: 'Корректировка',
        accrue: [item(member, 5, { Description: null }), item(member, 100), item(member, 3)],
      });
      expect(reply.reply.status).toBe(0);
      const progress = await waitUntilFinished(rpc, requestId);
      expect(progress).toMatchObject({
        state: BatchState.ProcessedWithError,
        itemCount: 3,
        appliedCount: 2,
        failedCount: 1,
        pendingCount: 0,
        errors: [{ itemIndex: 1, memberNo: member.cardNumber, code: 'NotEnoughMoney', message: 'Not enough bonuses' }],
      });
      expect(await balanceOf(rpc, member)).toBe(2);
      const withdrawals = (await historyOf(rpc, member)).rows.filter((row) => row.type === 'WithdrawData');
      // Without an item Description the request's accrueDescription is shown.
      expect(withdrawals.map((row) => row.description).sort()).toEqual(['Компенсация', 'Корректировка']);
    });

    it('uploads a large batch in parts, applies every item once and announces the finished batch', async () => {
      const probe = await BrokerProbe.connect();
      const finishedQueue = await probe.bindTemporaryQueue(LOYALTY_EVENTS_EXCHANGE, [BATCH_FINISHED_ROUTING_KEY]);
      try {
        const targets = members.slice(3);
        const accrue: BatchItemInput[] = Array.from({ length: 6000 }, (_, index) => {
          const member = targets[index % targets.length];
          // Some members named by customerUid, some by card number.
          return item(member, ((index % 7) + 1) / 100, index % 2 ? { memberNo: member.customerUid } : {});
        });
        const requestId = newRequestId();
        const { reply } = await submitBatch(rpc, { requestId, type: 2, accrue }, 1000);
        expect(reply.status).toBe(0);
        const progress = await waitUntilFinished(rpc, requestId, 60_000);
        expect(progress).toMatchObject({ state: BatchState.Processed, appliedCount: 6000, failedCount: 0, errors: [] });

        const expected = new Map<string, number>();
        accrue.forEach((entry, index) => {
          const member = targets[index % targets.length];
          expected.set(member.cardNumber, (expected.get(member.cardNumber) ?? 0) + Math.round((entry.pointsAmount as number) * 100));
        });
        for (const member of targets) expect(Math.round((await balanceOf(rpc, member)) * 100)).toBe(expected.get(member.cardNumber));

        const event = await waitFor(
          async () => (await probe.drain(finishedQueue)).find((message) => message.body['requestId'] === requestId),
          { description: 'batch.request.finished' },
        );
        expect(event.raw.properties.type).toBe('OnBatchFinished');
        expect(event.body).toMatchObject({
          requestId,
          type: 2,
          state: 'Processed',
          itemCount: 6000,
          appliedCount: 6000,
          failedCount: 0,
          appliedPoints: (Array.from(expected.values()).reduce((sum, cents) => sum + cents, 0) / 100).toFixed(2),
        });
      } finally {
        await probe.close();
      }
    }, 90_000);
  });

  describe('with REFUND_NEGATIVE_TYPE=AllowNegative', () => {
    it('applies a withdrawal larger than the balance, going below zero', async () => {
      await batch.close({ keepDatabase: true });
      batch = await startBatchApp({ REFUND_NEGATIVE_TYPE: 'AllowNegative' }, batch.database);
      rpc = batch.rpc;
      const member = members[2];
      expect(await balanceOf(rpc, member)).toBe(2);
      const requestId = newRequestId();
      expect((await submitBatch(rpc, { requestId, type: 3, accrue: [item(member, 100)] })).reply.status).toBe(0);
      expect(await waitUntilFinished(rpc, requestId)).toMatchObject({ state: BatchState.Processed, appliedCount: 1, failedCount: 0 });
      expect(await balanceOf(rpc, member)).toBe(-98);
    });
  });
});
