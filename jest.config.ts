// One jest run over every project, so the totals at the end cover the whole repo.
export default {
  projects: ['<rootDir>/libs/*/jest.config.ts', '<rootDir>/apps/*/jest.config.ts', '<rootDir>/k8s/jest.config.ts', '<rootDir>/e2e/jest.config.ts'],
  // Global options are read here only: in a multi-project run the projects' own testTimeout is ignored.
  // Integration suites talk to a real broker and database; slower tests set their own limit.
  testTimeout: 30000,
};
