export * from './data-source';
export * from './database-admin';
export * from './database-readiness.check';
export * from './persistence.module';
export * from './testing/test-database';
export * from './migration-command';
