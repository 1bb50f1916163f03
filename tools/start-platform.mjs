#!/usr/bin/env node
// `npm start`: builds every app and runs the whole platform on this machine against the local
// RabbitMQ and PostgreSQL. Settings come from `.env` when present, else from `.env.example`.
// Apps with a database get it created and migrated before they start. Ctrl-C stops everything.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** Every app, its HTTP port and whether it owns a database (then dist/…/migrate.js exists). */
const APPS = [
  { name: 'smc-plugin', port: 3010 },
  { name: 'registration', port: 3001 },
  { name: 'cards', port: 3002 },
  { name: 'processing', port: 3003 },
  { name: 'batch-operations', port: 3004 },
  { name: 'gateway', port: 3000 },
];

function readEnvFile(path) {
  const env = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (match) env[match[1]] = match[2].replace(/^"(.*)"$/, '$1');
  }
  return env;
}

const envFile = existsSync('.env') ? '.env' : '.env.example';
const fileEnv = readEnvFile(envFile);
console.log(`[platform] settings from ${envFile}`);

console.log('[platform] building apps…');
execFileSync('npx', ['nx', 'run-many', '-t', 'build', '--projects', APPS.map((app) => app.name).join(','), '--skip-nx-cache'], {
  stdio: 'inherit',
  env: { ...process.env, NX_DAEMON: 'false' },
});

const entry = (app, file) => `dist/apps/${app}/apps/${app}/src/${file}`;
const children = [];
let stopping = false;

for (const app of APPS) {
  const env = { ...fileEnv, ...process.env, PORT: String(app.port) };
  if (existsSync(entry(app.name, 'migrate.js'))) {
    console.log(`[platform] migrating ${app.name}…`);
    execFileSync(process.execPath, [entry(app.name, 'migrate.js')], { stdio: 'inherit', env });
  }
  const child = spawn(process.execPath, [entry(app.name, 'main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    console.log(`[platform] ${app.name} exited (${signal ?? code})`);
    if (!stopping) stop(1);
  });
  children.push(child);
  console.log(`[platform] ${app.name} started on port ${app.port}`);
}
console.log('[platform] gateway: http://127.0.0.1:3000 (OpenAPI at /api/docs); Ctrl-C to stop');

function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const wait = setInterval(() => {
    if (children.every((child) => child.exitCode !== null || child.signalCode !== null)) {
      clearInterval(wait);
      process.exit(code);
    }
  }, 100);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
