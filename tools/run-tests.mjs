#!/usr/bin/env node
// Runs every jest project once against the local RabbitMQ and PostgreSQL and ends with the
// plain summary line CI reads: `tests: N passed, N failed`.
// Integration suites share the broker (e.g. smc.customerEvents), so files run one at a time.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const resultsDir = mkdtempSync(join(tmpdir(), 'loyalty-jest-'));
const resultsFile = join(resultsDir, 'results.json');
/** After the results are written, jest should exit at once; a leaked handle must not hang CI. */
const EXIT_GRACE_MS = 30_000;

const jest = spawn(
  process.execPath,
  [join('node_modules', 'jest', 'bin', 'jest.js'), '--runInBand', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
let leaked = false;
const watchdog = setInterval(() => {
  if (!existsSync(resultsFile)) return;
  clearInterval(watchdog);
  setTimeout(() => {
    leaked = true;
    jest.kill('SIGKILL');
  }, EXIT_GRACE_MS).unref();
}, 1000);
const status = await new Promise((resolve) => jest.on('exit', (code) => resolve(code)));
clearInterval(watchdog);
if (leaked) console.log(`jest did not exit ${EXIT_GRACE_MS / 1000} s after the run: a test left a handle open (run with --detectOpenHandles)`);

let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  // A suite that fails to run (syntax error, failing beforeAll) counts as a failure too.
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
} catch {
  failed = 1;
}
rmSync(resultsDir, { recursive: true, force: true });
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit((status === 0 || leaked) && failed === 0 ? 0 : 1);
