import { INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MessagingModule, RpcClient } from '@loyalty/messaging';
import { createTestDatabase, migrateDatabase, TestDatabase } from '@loyalty/persistence';
import { loadConfig } from '@loyalty/runtime';
import { freePort, spawnTs, SpawnedProcess, TEST_RABBITMQ_URL, waitFor, WORKSPACE_ROOT } from '@loyalty/testing';
import { once } from 'node:events';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { BatchOperationsConfig } from '../../src/config/batch-operations.config';
import { batchOperationsDatabase } from '../../src/database/batch-operations-database';

/**
 * A real service of this repo run as a child process (its own `src/main.ts` through ts-node) on
 * a free port, against its own migrated test database and the shared broker. Killing it with
 * SIGKILL and starting it again keeps the database.
 */
export class ServiceProcess {
  private running: SpawnedProcess | null = null;

  private constructor(
    readonly name: 'processing' | 'batch-operations',
    readonly database: TestDatabase,
    readonly env: Record<string, string>,
  ) {}

  static async start(name: 'processing' | 'batch-operations', env: Record<string, string> = {}): Promise<ServiceProcess> {
    const database = await createTestDatabase(name === 'processing' ? 'batch_processing' : 'batch_operations');
    const port = await freePort();
    const service = new ServiceProcess(name, database, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      RABBITMQ_URL: TEST_RABBITMQ_URL,
      DATABASE_URL: database.url,
      PORT: String(port),
      SHUTDOWN_TIMEOUT_MS: '10000',
      ...(name === 'processing' ? { EXPIRY_JOB_INTERVAL_MS: '0', CARD_LOOKUP_TIMEOUT_MS: '300' } : {}),
      ...env,
    });
    try {
      const migration = spawnTs(join(WORKSPACE_ROOT, `apps/${name}/src/migrate.ts`), service.env);
      const [code] = await once(migration.child, 'exit');
      if (code !== 0) throw new Error(`Migrating ${name} failed (exit ${code}):\n${migration.output()}`);
      await service.launch();
    } catch (error) {
      await database.drop().catch(() => undefined);
      throw error;
    }
    return service;
  }

  get url(): string {
    return `http://127.0.0.1:${this.env['PORT']}`;
  }

  output(): string {
    return this.running?.output() ?? '';
  }

  async launch(): Promise<void> {
    const running = spawnTs(join(WORKSPACE_ROOT, `apps/${this.name}/src/main.ts`), this.env);
    this.running = running;
    await waitFor(
      async () => {
        if (running.child.exitCode !== null) throw new Error(`${this.name} exited with ${running.child.exitCode}:\n${running.output()}`);
        const response = await fetch(`${this.url}/health/ready`).catch(() => null);
        return response?.status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 200, description: `${this.name} to be ready` },
    );
  }

  /** SIGKILL: no drain, nothing flushed. */
  async kill(): Promise<void> {
    const child = this.running?.child;
    this.running = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM: the service drains and exits; resolves with its exit code. The database stays. */
  async terminate(): Promise<number | null> {
    const child = this.running?.child;
    this.running = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    return code;
  }

  /** SIGTERM, then the database is dropped. */
  async stop(): Promise<void> {
    const child = this.running?.child;
    this.running = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    await this.database.drop().catch(() => undefined);
  }
}

/** The batch-operations app in this process, on its own migrated test database. */
export interface BatchApp {
  app: INestApplication;
  database: TestDatabase;
  rpc: RpcClient;
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

export async function startBatchApp(env: Record<string, string> = {}, database?: TestDatabase): Promise<BatchApp> {
  const db = database ?? (await createTestDatabase('batch_operations'));
  const config = loadConfig(BatchOperationsConfig, {
    DATABASE_URL: db.url,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    LOG_LEVEL: 'error',
    BATCH_WORKER_POLL_MS: '100',
    PROCESSING_RPC_TIMEOUT_MS: '3000',
    ...env,
  });
  await migrateDatabase(batchOperationsDatabase(db.url));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, { testing: true })] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  app.enableShutdownHooks();
  await app.init();
  return {
    app,
    database: db,
    rpc: app.get(RpcClient),
    close: async (options = {}) => {
      await app.close();
      if (!options.keepDatabase) await db.drop();
    },
  };
}

@Module({})
class RpcClientModule {}

/** A bare RPC client (no database, no handlers), for tests whose services all run as child processes. */
export async function startRpcClient(): Promise<{ rpc: RpcClient; close(): Promise<void> }> {
  const moduleRef = await Test.createTestingModule({
    imports: [RpcClientModule, MessagingModule.forRoot({ serviceName: 'batch-operations-test-client', url: TEST_RABBITMQ_URL, waitForBroker: true })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  await app.init();
  return { rpc: app.get(RpcClient), close: () => app.close() };
}
