// Cross-service tests: the real apps run as child processes against the local RabbitMQ and
// PostgreSQL, and the tests drive them over HTTP and read what they publish.
export default {
  displayName: 'e2e',
  preset: '../jest.preset.js',
  rootDir: '.',
  // The preset maps the workspace aliases from two levels down (apps/x, libs/x); e2e is one level down.
  moduleNameMapper: { '^@loyalty/(.*)$': '<rootDir>/../libs/$1/src/index.ts' },
  testMatch: ['<rootDir>/tests/**/*.e2e-spec.ts'],
  testTimeout: 60_000,
};
