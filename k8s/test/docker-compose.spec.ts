import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  composeSchemaProblems,
  durationSeconds,
  environmentOf,
  healthcheckCommand,
  interpolate,
  interpolateAll,
  parseCompose,
  type ComposeService,
} from './support/compose';
import { REPO_ROOT } from './support/kustomize';
import { nxApplications, readRepoFile } from './support/workspace';

const SERVICE_DATABASES = [
  'loyalty_registration',
  'loyalty_cards',
  'loyalty_processing',
  'loyalty_batch_operations',
  'loyalty_social',
  'loyalty_polycard_plugin',
];
const EXIT_MARGIN_SECONDS = 5;

describe('docker-compose.yml', () => {
  const raw = parseCompose(readRepoFile('docker-compose.yml'));
  // What `docker compose config` would see with no .env file: every default applied.
  const compose = interpolateAll(raw, {});
  const services = compose.services;

  it('validates against the Compose Specification schema', () => {
    expect(composeSchemaProblems(compose)).toEqual([]);
  });

  it('runs RabbitMQ with the management UI, gated by a connectivity healthcheck', () => {
    const rabbitmq = services['rabbitmq'];
    expect(rabbitmq.image).toMatch(/^rabbitmq:(3\.13|4\.\d+)(\.\d+)?-management/);
    expect(rabbitmq.ports).toEqual(expect.arrayContaining(['127.0.0.1:5672:5672', '127.0.0.1:15672:15672']));
    expect(healthcheckCommand(rabbitmq)).toMatch(/rabbitmq-diagnostics .*check_port_connectivity/);
  });

  it('runs PostgreSQL 16 with the init scripts and a TCP readiness healthcheck', () => {
    const postgres = services['postgres'];
    expect(postgres.image).toMatch(/^postgres:16/);
    expect(postgres.volumes).toContain('./docker/postgres-init:/docker-entrypoint-initdb.d:ro');
    // TCP (-h) rather than the socket: the socket answers while the init scripts still run.
    expect(healthcheckCommand(postgres)).toMatch(/pg_isready .*-h 127\.0\.0\.1/);
  });

  it('publishes the gateway on 3000 and the backing services on loopback only', () => {
    expect(services['gateway'].ports).toEqual(['3000:3000']);
    for (const name of ['rabbitmq', 'postgres']) {
      for (const port of services[name].ports ?? []) expect(String(port)).toMatch(/^127\.0\.0\.1:/);
    }
    const others = Object.entries(services).filter(([name]) => !['gateway', 'rabbitmq', 'postgres'].includes(name));
    expect(others.filter(([, service]) => service.ports).map(([name]) => name)).toEqual([]);
  });

  it('runs every Nx app', () => {
    const apps = nxApplications();
    expect(apps.filter((app) => !services[app])).toEqual([]);
  });

  it('takes every credential from a variable with a development default', () => {
    const credentials: Array<[string, string]> = [
      ['rabbitmq', 'RABBITMQ_DEFAULT_PASS'],
      ['postgres', 'POSTGRES_PASSWORD'],
      ['postgres', 'LOYALTY_DB_PASSWORD'],
      ['gateway', 'ADMIN_CLIENT_SECRET'],
    ];
    for (const [service, variable] of credentials) {
      const rawValue = environmentOf(raw.services[service])[variable];
      expect(rawValue).toMatch(/^\$\{[A-Z_]+:-.+\}$/);
    }
    // In a URL's user:password@, the password must be a ${...} reference, not text.
    const literalPassword = (value: string) => {
      const userinfo = /:\/\/([^@/\s]+)@/.exec(value.replace(/\$\{[^}]*\}/g, '$VAR'))?.[1];
      return userinfo !== undefined && userinfo.includes(':') && userinfo.split(':')[1] !== '$VAR';
    };
    const urlsWithInlinePasswords = Object.entries(raw.services).flatMap(([name, service]) =>
      Object.entries(environmentOf(service))
        .filter(([, value]) => literalPassword(value))
        .map(([variable]) => `${name}.${variable}`),
    );
    expect(urlsWithInlinePasswords).toEqual([]);
    // The gateway refuses an admin secret under 16 characters; the default must pass.
    expect(environmentOf(services['gateway'])['ADMIN_CLIENT_SECRET'].length).toBeGreaterThanOrEqual(16);
  });

  describe.each(nxApplications())('app %s', (app) => {
    const service: ComposeService = services[app] ?? {};
    const environment = environmentOf(service);

    it('is built from the Dockerfile for this app', () => {
      expect(service.build).toMatchObject({ context: '.', dockerfile: 'Dockerfile', args: { APP: app } });
      expect(service.image).toBe(`loyalty/${app}:dev`);
    });

    it('sets the common environment and reaches the broker by service name', () => {
      for (const variable of ['NODE_ENV', 'PORT', 'LOG_LEVEL', 'RABBITMQ_URL', 'SHUTDOWN_TIMEOUT_MS']) {
        expect(environment[variable]).toBeTruthy();
      }
      expect(environment['RABBITMQ_URL']).toMatch(/^amqp:\/\/[^:]+:[^@]+@rabbitmq:5672$/);
    });

    it('is healthy only when /health/ready answers on its own PORT', () => {
      expect(healthcheckCommand(service)).toContain(`http://127.0.0.1:${environment['PORT']}/health/ready`);
      expect(healthcheckCommand(service)).not.toMatch(/\bcurl\b|\bwget\b/);
    });

    it('starts after its dependencies are healthy', () => {
      const dependsOn = service.depends_on;
      expect(dependsOn).toMatchObject({ rabbitmq: { condition: 'service_healthy' } });
      const conditions = Object.values(dependsOn && !Array.isArray(dependsOn) ? dependsOn : {}).map((entry) => entry.condition);
      expect(conditions.every((condition) => ['service_healthy', 'service_completed_successfully'].includes(condition))).toBe(true);
    });

    it('waits for SIGTERM draining before killing it', () => {
      const shutdownSeconds = Number(environment['SHUTDOWN_TIMEOUT_MS']) / 1000;
      expect(durationSeconds(service.stop_grace_period ?? '10s')).toBeGreaterThanOrEqual(shutdownSeconds + EXIT_MARGIN_SECONDS);
    });

    it('runs read-only without capabilities, as in Kubernetes', () => {
      expect(service['read_only']).toBe(true);
      expect(service['cap_drop']).toEqual(['ALL']);
      expect(service['security_opt']).toContain('no-new-privileges:true');
    });
  });

  it('configures the gateway and the SMC plugin for a single broker', () => {
    expect(environmentOf(services['gateway'])).toMatchObject({ PORT: '3000', HTTP_BODY_LIMIT: '1mb', RPC_TIMEOUT_MS: '5000' });
    expect(environmentOf(services['gateway'])['ADMIN_CLIENT_ID']).toMatch(/^[\w.-]{3,64}$/);
    expect(environmentOf(services['smc-plugin'])).toMatchObject({
      PORT: '3010',
      SMC_ENABLED: 'true',
      SMC_QUEUE_TYPE: 'classic',
      SMC_METRICS_INTERVAL_MS: '5000',
    });
  });
});

describe('compose variable interpolation (used above)', () => {
  it('applies defaults and keeps literal dollars', () => {
    expect(interpolate('${A:-x}/${B-y}/$$C/${D}', { B: '' })).toBe('x//$C/');
    expect(interpolate('${A:-x}', { A: 'set' })).toBe('set');
    expect(() => interpolate('${A:?needed}', {})).toThrow('needed');
  });
});

describe('docker/postgres-init', () => {
  // Runs the init scripts with a stand-in psql that records what it is asked to do; the real
  // server is not available in CI. The SQL itself is exercised whenever compose starts.
  function runInitScripts(): { calls: string[]; stdin: string } {
    const work = mkdtempSync(join(tmpdir(), 'postgres-init-'));
    try {
      const log = join(work, 'psql.log');
      const fakePsql = join(work, 'psql');
      writeFileSync(fakePsql, `#!/bin/sh\nprintf 'CALL %s\\n' "$*" >> '${log}'\ncat >> '${log}'\n`);
      chmodSync(fakePsql, 0o755);
      const initDir = join(REPO_ROOT, 'docker', 'postgres-init');
      for (const script of readdirSync(initDir).filter((file) => file.endsWith('.sh')).sort()) {
        execFileSync('sh', [join(initDir, script)], {
          env: { PATH: `${work}:${process.env['PATH']}`, POSTGRES_USER: 'postgres', POSTGRES_DB: 'postgres', LOYALTY_DB_PASSWORD: 'pw' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      }
      const text = readFileSync(log, 'utf8');
      return { calls: text.split('\n').filter((line) => line.startsWith('CALL ')), stdin: text };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  it('creates one database and owner role per data-owning service', () => {
    const { calls, stdin } = runInitScripts();
    const names = calls.map((call) => /name=(\S+)/.exec(call)?.[1]);
    expect(names).toEqual(SERVICE_DATABASES);
    expect(calls.every((call) => call.includes('ON_ERROR_STOP=1'))).toBe(true);
    expect(stdin).toMatch(/CREATE DATABASE %I OWNER %I/);
    expect(stdin).toMatch(/REVOKE CONNECT, TEMPORARY ON DATABASE :"name" FROM PUBLIC/);
  });

  it('refuses to run without a password for the service roles', () => {
    const script = join(REPO_ROOT, 'docker', 'postgres-init', '10-service-databases.sh');
    expect(() => execFileSync('/bin/sh', [script], { env: { PATH: '/nonexistent' }, stdio: 'pipe' })).toThrow(/LOYALTY_DB_PASSWORD/);
  });
});
