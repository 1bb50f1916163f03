import { BatchItemInput, BatchState } from '@loyalty/contracts';
import { RpcClient } from '@loyalty/messaging';
import { waitFor } from '@loyalty/testing';
import { Client } from 'pg';
import { newRequestId, progressOf, submitBatch, waitUntilFinished } from './support/batches';
import { linkMembers, newMember, TestMember } from './support/members';
import { ServiceProcess, startRpcClient } from './support/services';

// SPEC §5: SIGKILL at any moment loses no accepted operation and applies none twice. Both services
// run as real processes; the batch service is killed mid-way through a 20,000-item batch, then
// processing is, then the batch service is stopped with SIGTERM (it must drain and exit 0), and
// after the restarts every item must have been applied exactly once.

const ITEMS = 20_000;

describe('a 20,000-item batch survives kill -9 of batch-operations and of processing, and a SIGTERM', () => {
  let processing: ServiceProcess;
  let batch: ServiceProcess;
  let client: { rpc: RpcClient; close(): Promise<void> };
  const members: TestMember[] = Array.from({ length: 200 }, () => newMember());

  beforeAll(async () => {
    [processing, batch, client] = await Promise.all([
      ServiceProcess.start('processing'),
      ServiceProcess.start('batch-operations', {
        BATCH_CHUNK_SIZE: '250',
        BATCH_CHUNK_LEASE_SECONDS: '3',
        PROCESSING_RPC_TIMEOUT_MS: '2000',
        BATCH_WORKER_POLL_MS: '200',
      }),
      startRpcClient(),
    ]);
    await linkMembers(client.rpc, members);
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await batch?.stop();
    await processing?.stop();
  });

  it('applies every item exactly once', async () => {
    const requestId = newRequestId();
    const expectedCents = new Map<number, number>();
    const accrue: BatchItemInput[] = Array.from({ length: ITEMS }, (_, index) => {
      const member = members[index % members.length];
      const cents = (index % 500) + 1;
      expectedCents.set(member.customerId, (expectedCents.get(member.customerId) ?? 0) + cents);
      return { memberNo: member.cardNumber, operationDate: '2024-05-01 10:00:00', transactionAmount: 0, pointsAmount: cents / 100 };
    });
    const { reply } = await submitBatch(client.rpc, { requestId, type: 2, accrueDescription: 'Crash test', accrue });
    expect(reply.status).toBe(0);

    const appliedAtLeast = (count: number) =>
      waitFor(async () => (await progressOf(client.rpc, requestId)).appliedCount >= count, { timeoutMs: 120_000, intervalMs: 50, description: `${count} items applied` });

    await appliedAtLeast(3000);
    await batch.kill();
    await batch.launch();

    await appliedAtLeast(9000);
    await processing.kill();
    await processing.launch();

    // A graceful stop mid-way: the chunks in hand record what they did and release the rest.
    await appliedAtLeast(14_000);
    expect(await batch.terminate()).toBe(0);
    await batch.launch();

    const progress = await waitUntilFinished(client.rpc, requestId, 240_000);
    expect(progress).toMatchObject({ state: BatchState.Processed, itemCount: ITEMS, appliedCount: ITEMS, failedCount: 0, pendingCount: 0, errors: [] });

    const ledger = new Client({ connectionString: processing.database.url });
    await ledger.connect();
    try {
      const [applied] = (
        await ledger.query(
          `SELECT (SELECT count(*)::int FROM balance_command WHERE idempotency_key LIKE $1) AS commands,
                  (SELECT count(*)::int FROM ledger_entry WHERE source_id LIKE $1) AS entries,
                  (SELECT count(DISTINCT source_id)::int FROM ledger_entry WHERE source_id LIKE $1) AS keys`,
          [`batch:${requestId}:%`],
        )
      ).rows;
      expect(applied).toEqual({ commands: ITEMS, entries: ITEMS, keys: ITEMS });
      const balances = (await ledger.query(`SELECT customer_id, (balance * 100)::bigint::int AS cents FROM account`)).rows as Array<{ customer_id: number; cents: number }>;
      expect(new Map(balances.map((row) => [row.customer_id, row.cents]))).toEqual(expectedCents);
    } finally {
      await ledger.end();
    }
  }, 420_000);
});
