export * from './context/request-context';
export * from './health/readiness-check';
