import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const WORKSPACE_ROOT = join(__dirname, '../../..');

export interface SpawnedProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
}

/**
 * Runs a TypeScript entry point of this repo as its own Node process, with the workspace path
 * aliases resolved, e.g. an app's `src/main.ts` for a start-up or shutdown test.
 */
export function spawnTs(entry: string, env: Record<string, string>): SpawnedProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, TS_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Always read the pipes: a child blocked on a full pipe would never exit.
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}
