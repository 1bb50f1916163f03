/**
 * Batch balance operations (SPEC §7: 100,000 items applied in ≤ 60 s; no service above 400 MB RSS).
 *
 *   npx nx run-many -t build -p processing,batch-operations,gateway
 *   TS_NODE_PROJECT=bench/tsconfig.json node -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *     bench/batch-operations.bench.ts        (ITEMS=100000 MEMBERS=10000 VIA=http by default)
 *
 * Runs the built processing, batch-operations and gateway as separate processes, each against its
 * own fresh database, like production. MEMBERS members are made known to processing the way the
 * cards service does it (card link events), then one accrual request of ITEMS items spread over
 * them is POSTed to the gateway (VIA=rpc submits straight to the batch service instead). Measured:
 * the time until the request is answered (validated and stored), the time until every item is
 * applied, and the peak resident memory (VmHWM) of each service. Afterwards it checks that every
 * item was applied exactly once and that the balances add up to the batch.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  BATCH_SUBMIT_TIMEOUT_MS,
  BATCH_UPLOAD_PART_MAX_ITEMS,
  BATCH_UPLOAD_TIMEOUT_MS,
  BatchOperationsRpc,
  BatchProgressReply,
  BatchSubmitReply,
  cardDetailsOf,
  CardLinkedEvent,
  EventCode,
  LOYALTY_EVENTS_EXCHANGE,
  MembersResolveReply,
  PROCESSING_MEMBERS_RESOLVE,
  RoutingKey,
} from '@loyalty/contracts';
import { MessagingModule, newMessageId, RpcClient } from '@loyalty/messaging';
import { createTestDatabase, TestDatabase } from '@loyalty/persistence';
import { BrokerProbe, freePort, TEST_RABBITMQ_URL, waitFor } from '@loyalty/testing';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { Client } from 'pg';

const ITEMS = Number(process.env['ITEMS'] ?? 100_000);
const MEMBERS = Number(process.env['MEMBERS'] ?? 10_000);
const VIA = process.env['VIA'] ?? 'http';
const ADMIN = { id: 'bench-admin', secret: 'bench-admin-secret-000001' };

type ServiceName = 'processing' | 'batch-operations' | 'gateway';

interface Service {
  name: ServiceName;
  child: ChildProcess;
  port: number;
  output: string[];
  peakRssMb: number;
}

const entry = (name: ServiceName, file: string) => `dist/apps/${name}/apps/${name}/src/${file}`;

async function startService(name: ServiceName, env: Record<string, string>): Promise<Service> {
  const port = await freePort();
  const fullEnv = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', RABBITMQ_URL: TEST_RABBITMQ_URL, PORT: String(port), ...env };
  if (existsSync(entry(name, 'migrate.js'))) execFileSync(process.execPath, [entry(name, 'migrate.js')], { env: fullEnv, stdio: 'ignore' });
  const child = spawn(process.execPath, [entry(name, 'main.js')], { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const service: Service = { name, child, port, output: [], peakRssMb: 0 };
  const keep = (chunk: Buffer) => service.output.push(chunk.toString()) > 200 && service.output.shift();
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited: ${service.output.join('')}`);
      return (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.status === 200;
    },
    { timeoutMs: 60_000, intervalMs: 200, description: `${name} ready` },
  );
  return service;
}

/** Peak resident set size of the process so far (Linux VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number {
  if (!pid) return 0;
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/** User + system CPU seconds the process has used so far (Linux /proc/<pid>/stat). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function currentRssMb(pid: number | undefined): number {
  if (!pid) return 0;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

@Module({})
class BenchClientModule {}

async function rpcClient(): Promise<{ rpc: RpcClient; close(): Promise<void> }> {
  const moduleRef = await Test.createTestingModule({
    imports: [BenchClientModule, MessagingModule.forRoot({ serviceName: 'bench-batch-client', url: TEST_RABBITMQ_URL, waitForBroker: true })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  await app.init();
  return { rpc: app.get(RpcClient), close: () => app.close() };
}

interface BenchMember {
  customerId: number;
  customerUid: string;
  cardNumber: string;
}

async function linkMembers(rpc: RpcClient, members: BenchMember[]): Promise<void> {
  const probe = await BrokerProbe.connect();
  const channel = await probe.confirmChannel();
  for (const [index, member] of members.entries()) {
    const body: CardLinkedEvent = {
      newCard: cardDetailsOf({
        cardId: index + 1,
        cardNumber: member.cardNumber,
        cardState: 'Activated',
        activationDate: null,
        cardCategory: 'Standard',
        isBlocked: false,
        isDeleted: false,
      }),
      oldCard: null,
      linkSource: 'Pos',
      linkCardType: 'SetCard',
      customerInfo: {
        customerId: member.customerId,
        customerUid: member.customerUid,
        customerCode: member.customerUid,
        accountgroupId: String(member.customerId),
        mobileDeviceId: null,
        identifierId: null,
        applicationId: null,
      },
      eventCode: EventCode.OnCardSet,
    };
    const messageId = newMessageId();
    channel.publish(
      LOYALTY_EVENTS_EXCHANGE,
      RoutingKey.CustomerCardLink,
      Buffer.from(JSON.stringify({ ...body, externalId: messageId, tryCount: 0, delaySecond: null, toErrorQueue: false })),
      { messageId, type: EventCode.OnCardSet, persistent: true, contentType: 'application/json' },
    );
  }
  await channel.waitForConfirms();
  await probe.close();
  const numbers = members.map((member) => member.cardNumber);
  for (let start = 0; start < numbers.length; start += 5000) {
    const part = numbers.slice(start, start + 5000);
    await waitFor(async () => (await rpc.call<MembersResolveReply>(PROCESSING_MEMBERS_RESOLVE, { memberNos: part }, 30_000)).unknown.length === 0, {
      timeoutMs: 300_000,
      intervalMs: 1000,
      description: 'processing to know every member',
    });
  }
}

async function submitOverRpc(rpc: RpcClient, body: { requestId: string; type: number; accrue: object[] }): Promise<BatchSubmitReply> {
  const uploadId = randomUUID();
  const offsets: number[] = [];
  for (let offset = 0; offset < body.accrue.length; offset += BATCH_UPLOAD_PART_MAX_ITEMS) offsets.push(offset);
  let next = 0;
  const upload = async () => {
    while (next < offsets.length) {
      const offset = offsets[next++];
      await rpc.call(BatchOperationsRpc.Upload, { uploadId, offset, items: body.accrue.slice(offset, offset + BATCH_UPLOAD_PART_MAX_ITEMS) }, BATCH_UPLOAD_TIMEOUT_MS);
    }
  };
  await Promise.all([upload(), upload(), upload()]);
  return rpc.call<BatchSubmitReply>(BatchOperationsRpc.Submit, { requestId: body.requestId, type: body.type, itemCount: body.accrue.length, uploadId }, BATCH_SUBMIT_TIMEOUT_MS);
}

async function main(): Promise<void> {
  for (const name of ['processing', 'batch-operations', 'gateway'] as const) {
    if (!existsSync(entry(name, 'main.js'))) throw new Error(`Build first: npx nx run-many -t build -p processing,batch-operations,gateway (${entry(name, 'main.js')} missing)`);
  }
  const databases: TestDatabase[] = [];
  const services: Service[] = [];
  const client = await rpcClient();
  try {
    const processingDb = await createTestDatabase('bench_batch_processing');
    const batchDb = await createTestDatabase('bench_batch_operations');
    databases.push(processingDb, batchDb);
    services.push(await startService('processing', { DATABASE_URL: processingDb.url, EXPIRY_JOB_INTERVAL_MS: '0', CARD_LOOKUP_TIMEOUT_MS: '300' }));
    services.push(await startService('batch-operations', { DATABASE_URL: batchDb.url }));
    if (VIA === 'http') {
      services.push(
        await startService('gateway', {
          ADMIN_CLIENT_ID: ADMIN.id,
          ADMIN_CLIENT_SECRET: ADMIN.secret,
          TOKEN_SIGNING_SECRET: 'bench-token-signing-secret-000000000000001',
        }),
      );
    }

    const members: BenchMember[] = Array.from({ length: MEMBERS }, (_, index) => ({
      customerId: 10_000_000 + index,
      customerUid: randomUUID(),
      cardNumber: `55${String(index).padStart(14, '0')}`,
    }));
    const linkStarted = Date.now();
    await linkMembers(client.rpc, members);
    console.log(`setup: ${MEMBERS} members known to processing in ${((Date.now() - linkStarted) / 1000).toFixed(1)} s`);

    const requestId = `bench-${randomUUID()}`;
    let expectedCents = 0;
    const accrue = Array.from({ length: ITEMS }, (_, index) => {
      const cents = 1 + (index % 10_000);
      expectedCents += cents;
      const member = members[index % members.length];
      return {
        memberNo: index % 2 ? member.customerUid : member.cardNumber,
        Description: `Бонусы за покупки, пакет ${index % 100}`,
        operationDate: '2024-05-01 10:00:00',
        merchantName: 'Bench shop',
        transactionAmount: cents,
        pointsAmount: cents / 100,
      };
    });
    const body = { requestId, type: 2, accrueDescription: 'Benchmark', accrue };

    const sampler = setInterval(() => {
      for (const service of services) service.peakRssMb = Math.max(service.peakRssMb, currentRssMb(service.child.pid));
    }, 200);
    // TRACE=1: every 5 s, each service's RSS and share of one CPU core since the previous line.
    let lastCpu = services.map((service) => cpuSeconds(service.child.pid));
    const tracer =
      process.env['TRACE'] === '1'
        ? setInterval(() => {
            const cpu = services.map((service) => cpuSeconds(service.child.pid));
            console.log(
              services.map((service, index) => `${service.name} ${Math.round(currentRssMb(service.child.pid))} MB ${Math.round(((cpu[index] - lastCpu[index]) / 5) * 100)}%`).join(' | '),
            );
            lastCpu = cpu;
          }, 5000)
        : undefined;
    const started = Date.now();
    let reply: BatchSubmitReply['reply'];
    if (VIA === 'http') {
      const gateway = services.find((service) => service.name === 'gateway') as Service;
      const base = `http://127.0.0.1:${gateway.port}`;
      const token = await fetch(`${base}/api/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: ADMIN.id, client_secret: ADMIN.secret }).toString(),
      }).then((response) => response.json() as Promise<{ access_token: string }>);
      const json = JSON.stringify(body);
      console.log(`request body: ${(json.length / 1024 / 1024).toFixed(1)} MB`);
      const response = await fetch(`${base}/api/v1/batch-operations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
        body: json,
      });
      reply = (await response.json()) as BatchSubmitReply['reply'];
      if (response.status !== 200) throw new Error(`POST answered ${response.status}: ${JSON.stringify(reply)}`);
    } else {
      reply = (await submitOverRpc(client.rpc, body)).reply;
    }
    const accepted = Date.now();
    if (reply.status !== 0) throw new Error(`Batch refused: ${reply.message}`);

    const progress = await waitFor(
      async () => {
        const current = await client.rpc.call<BatchProgressReply>(BatchOperationsRpc.Progress, { requestId, errorsCount: 0 });
        return (current.state === 'Processed' || current.state === 'ProcessedWithError') && current;
      },
      { timeoutMs: 1_800_000, intervalMs: 250, description: 'the batch to be applied' },
    );
    const finished = Date.now();
    clearInterval(sampler);
    if (tracer) clearInterval(tracer);

    const check = new Client({ connectionString: processingDb.url });
    await check.connect();
    const [{ commands }] = (await check.query(`SELECT count(*)::int AS commands FROM balance_command WHERE idempotency_key LIKE $1`, [`batch:${requestId}:%`]))
      .rows;
    const [{ cents }] = (await check.query(`SELECT (sum(balance) * 100)::bigint::text AS cents FROM account`)).rows;
    await check.end();

    const applySeconds = (finished - accepted) / 1000;
    console.log(`batch balance operations: ${ITEMS} accrual items over ${MEMBERS} members, via ${VIA}`);
    console.table({
      'answered (validated + stored)': { seconds: ((accepted - started) / 1000).toFixed(1) },
      'applied after the answer': { seconds: applySeconds.toFixed(1), 'items/s': Math.round(ITEMS / applySeconds) },
      'request to last item applied': { seconds: ((finished - started) / 1000).toFixed(1) },
    });
    console.table(
      Object.fromEntries(
        services.map((service) => [service.name, { 'peak RSS during the batch (MB)': Math.round(service.peakRssMb), 'VmHWM since start (MB)': Math.round(peakRssMb(service.child.pid)) }]),
      ),
    );
    console.log(
      `state ${progress.state}, applied ${progress.appliedCount}, failed ${progress.failedCount}; ` +
        `balance commands ${commands} (expected ${ITEMS}); Σ balances ${Number(cents) / 100} (expected ${expectedCents / 100})`,
    );
    if (progress.failedCount > 0) {
      const { errors } = await client.rpc.call<BatchProgressReply>(BatchOperationsRpc.Progress, { requestId, errorsCount: 1000 });
      const byCode = new Map<string, number>();
      for (const error of errors) byCode.set(`${error.code}: ${error.message}`, (byCode.get(`${error.code}: ${error.message}`) ?? 0) + 1);
      console.log('failed items (first 1000) by reason:', Object.fromEntries(byCode));
    }
    if (progress.appliedCount !== ITEMS || commands !== ITEMS || Number(cents) !== expectedCents) process.exitCode = 1;
  } catch (error) {
    for (const service of services) console.error(`--- ${service.name} output ---\n${service.output.join('').slice(-4000)}`);
    throw error;
  } finally {
    await client.close();
    for (const service of services) {
      if (service.child.exitCode === null) {
        const exited = once(service.child, 'exit');
        service.child.kill('SIGTERM');
        await exited;
      }
    }
    for (const database of databases) await database.drop().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
