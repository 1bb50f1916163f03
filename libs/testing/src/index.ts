export * from './wait-for';
export * from './broker-probe';
