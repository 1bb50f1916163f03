export * from './wait-for';
export * from './broker-probe';
export * from './free-port';
export * from './tcp-proxy';
export * from './spawn-ts';
