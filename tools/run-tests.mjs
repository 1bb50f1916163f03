#!/usr/bin/env node
// Runs every jest project once against the local RabbitMQ and PostgreSQL and ends with the
// plain summary line CI reads: `tests: N passed, N failed`.
// Integration suites share the broker (e.g. smc.customerEvents), so files run one at a time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const resultsDir = mkdtempSync(join(tmpdir(), 'loyalty-jest-'));
const resultsFile = join(resultsDir, 'results.json');
const jest = spawnSync(
  process.execPath,
  [join('node_modules', 'jest', 'bin', 'jest.js'), '--runInBand', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

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
process.exit(jest.status === 0 && failed === 0 ? 0 : 1);
