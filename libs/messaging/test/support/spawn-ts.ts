import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const WORKSPACE_ROOT = join(__dirname, '../../../..');

/** Runs a TypeScript entry point of this repo as its own Node process (path aliases resolved). */
export function spawnTs(entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry],
    {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, TS_NODE_PROJECT: join(WORKSPACE_ROOT, 'libs/messaging/tsconfig.spec.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Keep the output for diagnosis without letting a full pipe block the child.
  child.stdout?.on('data', () => undefined);
  child.stderr?.on('data', () => undefined);
  return child;
}
