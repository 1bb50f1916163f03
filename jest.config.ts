// One jest run over every project, so the totals at the end cover the whole repo.
export default {
  projects: ['<rootDir>/libs/*/jest.config.ts', '<rootDir>/apps/*/jest.config.ts', '<rootDir>/k8s/jest.config.ts', '<rootDir>/e2e/jest.config.ts'],
};
