import { CardsQueue } from '@loyalty/contracts';
import { createTestDatabase, TestDatabase } from '@loyalty/persistence';
import { BrokerProbe, freePort, spawnTs, SpawnedProcess, TEST_RABBITMQ_URL, waitFor, WORKSPACE_ROOT } from '@loyalty/testing';
import { once } from 'node:events';
import { join } from 'node:path';

export type ServiceName = 'cards' | 'registration' | 'gateway' | 'processing';
type ServiceWithDatabase = Exclude<ServiceName, 'gateway'>;

/** Started by every suite; `processing` only when a suite asks for it (`Platform.start({with: ['processing']})`). */
const CORE_SERVICES = ['cards', 'registration', 'gateway'] as const;

/** Consumer queues of each service that a run must not inherit from an earlier one. */
const CONSUMER_QUEUES: Partial<Record<ServiceName, string>> = {
  cards: CardsQueue.RegistrationEvents,
  processing: 'processing.cards-projection',
};

/** Settings the e2e platform runs with unless a suite overrides them. */
const DEFAULT_ENV: Record<ServiceName, Record<string, string>> = {
  cards: { EMIT_VIRTUAL_CARD: '1', VIRTUAL_CARD_PREFIX: '7788', VIRTUAL_CARDS_PER_MEMBER: '1' },
  registration: {
    REGISTRATION_PROVIDER_PHONE: '1',
    REGISTRATION_PROVIDER_CARD: '1',
    REGISTRATION_PROVIDER_ANONYMOUS: '1',
    MAIN_CARD_ASSIGNING_REQUIRED: '1',
    EMAIL_STEP: 'Optional',
    CONFIRM_CODE_SECRET: 'e2e-confirmation-code-secret-0000000001',
  },
  gateway: {
    ADMIN_CLIENT_ID: 'e2e-admin',
    ADMIN_CLIENT_SECRET: 'e2e-admin-secret-0001',
    TOKEN_SIGNING_SECRET: 'e2e-token-signing-secret-000000000000001',
    // Every test request comes from 127.0.0.1: the per-IP limits must not get in the way.
    RATE_LIMIT_CODE_SENDS_PER_IP: '10000',
    RATE_LIMIT_LOGINS_PER_IP: '10000',
  },
  processing: { EXPIRY_JOB_INTERVAL_MS: '0' },
};

export const ADMIN_CLIENT = { id: DEFAULT_ENV.gateway['ADMIN_CLIENT_ID'], secret: DEFAULT_ENV.gateway['ADMIN_CLIENT_SECRET'] };

const RETRY_DELAYS = [1, 5, 30, 120, 600];

interface RunningService {
  name: ServiceName;
  port: number;
  env: Record<string, string>;
  process: SpawnedProcess | null;
}

export type PlatformDatabases = Record<'registration' | 'cards', TestDatabase> & { processing?: TestDatabase };

export interface PlatformOptions {
  env?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Optional services to start besides cards, registration and the gateway. */
  with?: Array<Exclude<ServiceName, (typeof CORE_SERVICES)[number]>>;
}

/**
 * The real gateway, registration and cards apps (and processing when asked for), each a child process on a free port with its own
 * test database (migrated by the app's own migrate.ts first), against the local RabbitMQ.
 */
export class Platform {
  private constructor(
    private readonly services: Map<ServiceName, RunningService>,
    readonly databases: PlatformDatabases,
  ) {}

  static async start(options: PlatformOptions = {}): Promise<Platform> {
    // A consumer queue left over by an earlier run would hand this run's cards old events.
    const names: ServiceName[] = [...CORE_SERVICES, ...(options.with ?? [])];
    const probe = await BrokerProbe.connect();
    for (const queue of names.map((name) => CONSUMER_QUEUES[name]).filter((queue): queue is string => queue !== undefined)) {
      await probe.deleteQueues(queue, `${queue}.error`, ...RETRY_DELAYS.map((delay) => `${queue}.delay.${delay}s`));
    }
    await probe.close();

    const withDatabase = names.filter((name): name is ServiceWithDatabase => name !== 'gateway');
    const databases = { registration: await createTestDatabase('e2e_registration'), cards: await createTestDatabase('e2e_cards') } as PlatformDatabases;
    if (names.includes('processing')) databases.processing = await createTestDatabase('e2e_processing');
    const services = new Map<ServiceName, RunningService>();
    for (const name of names) {
      const port = await freePort();
      const env: Record<string, string> = {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        RABBITMQ_URL: TEST_RABBITMQ_URL,
        SHUTDOWN_TIMEOUT_MS: '10000',
        PORT: String(port),
        ...DEFAULT_ENV[name],
        ...(options.env?.[name] ?? {}),
      };
      if (name !== 'gateway') env['DATABASE_URL'] = (databases[name] as TestDatabase).url;
      services.set(name, { name, port, env, process: null });
    }
    const platform = new Platform(services, databases);
    try {
      await Promise.all(withDatabase.map((name) => platform.migrate(name)));
      await Promise.all([...services.keys()].map((name) => platform.launch(name)));
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.service('gateway').port}`;
  }

  /** Kills a service the hard way (SIGKILL): no drain, no outbox flush. */
  async kill(name: ServiceName): Promise<void> {
    const running = this.service(name);
    const child = running.process?.child;
    running.process = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  /** Starts a killed or stopped service again with the same settings and port. */
  async restart(name: ServiceName): Promise<void> {
    await this.kill(name);
    await this.launch(name);
  }

  /** SIGTERM to every service (each drains and exits 0), then the test databases are dropped. */
  async stop(): Promise<void> {
    const exits: Promise<unknown>[] = [];
    for (const running of this.services.values()) {
      const child = running.process?.child;
      if (child && child.exitCode === null && child.signalCode === null) {
        exits.push(once(child, 'exit'));
        child.kill('SIGTERM');
      }
      running.process = null;
    }
    await Promise.all(exits);
    for (const database of Object.values(this.databases)) await database.drop().catch(() => undefined);
  }

  /** What a service printed, for diagnosing a failed test. */
  output(name: ServiceName): string {
    return this.service(name).process?.output() ?? '';
  }

  private async migrate(name: ServiceWithDatabase): Promise<void> {
    const migration = spawnTs(join(WORKSPACE_ROOT, `apps/${name}/src/migrate.ts`), this.service(name).env);
    const [code] = await once(migration.child, 'exit');
    if (code !== 0) throw new Error(`Migrating ${name} failed (exit ${code}):\n${migration.output()}`);
  }

  private async launch(name: ServiceName): Promise<void> {
    const running = this.service(name);
    running.process = spawnTs(join(WORKSPACE_ROOT, `apps/${name}/src/main.ts`), running.env);
    const child = running.process.child;
    const url = `http://127.0.0.1:${running.port}/health/ready`;
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${running.process?.output()}`);
        const response = await fetch(url).catch(() => null);
        return response?.status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 100, description: `${name} to become ready` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- ${name} output ---\n${running.process?.output()}`);
    });
  }

  private service(name: ServiceName): RunningService {
    const running = this.services.get(name);
    if (!running) throw new Error(`Unknown service ${name}`);
    return running;
  }
}
