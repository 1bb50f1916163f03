/* eslint-disable @typescript-eslint/no-inferrable-types -- the annotation is what emits design:type metadata, which loadConfig needs to convert env strings. */
import { IsBoolean, IsString, MinLength } from 'class-validator';
import { BaseServiceConfig } from './base-service.config';
import { BooleanFromEnv } from './env-transforms';
import { ConfigError, loadConfig } from './load-config';

class SampleConfig extends BaseServiceConfig {
  @IsString()
  @MinLength(16)
  API_SECRET: string;

  @IsString()
  DATABASE_URL: string;

  @IsBoolean()
  @BooleanFromEnv()
  RUN_MIGRATIONS: boolean = false;
}

const validEnv = { API_SECRET: 'a-very-long-secret-value', DATABASE_URL: 'postgres://app:pg-pass@db:5432/app' };

function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(SampleConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults and converts numbers and booleans', () => {
    const config = loadConfig(SampleConfig, { ...validEnv, PORT: '8081', RUN_MIGRATIONS: 'false' });
    expect(config).toBeInstanceOf(SampleConfig);
    expect(config.PORT).toBe(8081);
    expect(config.RUN_MIGRATIONS).toBe(false);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.NODE_ENV).toBe('production');
    expect(config.RABBITMQ_URL).toBe('amqp://guest:guest@127.0.0.1:5672');
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(25000);
  });

  it('does not copy undeclared environment variables onto the config', () => {
    const config = loadConfig(SampleConfig, { ...validEnv, HOME: '/root', PATH: '/bin' });
    expect(Object.keys(config)).not.toContain('HOME');
    expect(Object.keys(config)).not.toContain('PATH');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(SampleConfig, { ...validEnv, PORT: '' }).PORT).toBe(3000);
    expect(configErrorOf({ ...validEnv, DATABASE_URL: '' }).issues).toEqual([{ variable: 'DATABASE_URL', problems: ['is required but not set'] }]);
  });

  it('names every bad or missing variable and why', () => {
    const error = configErrorOf({ DATABASE_URL: validEnv.DATABASE_URL, PORT: 'eighty', LOG_LEVEL: 'loud', RUN_MIGRATIONS: 'maybe' });
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(['API_SECRET', 'LOG_LEVEL', 'PORT', 'RUN_MIGRATIONS']);
    expect(error.message).toContain('API_SECRET: is required but not set');
    expect(error.message).toContain('PORT: must be an integer number (got "eighty")');
    expect(error.message).toContain('LOG_LEVEL: must be one of the following values: error, warn, info, debug (got "loud")');
    expect(error.message).toMatch(/RUN_MIGRATIONS: must be a boolean value/);
  });

  it('never prints the value of a secret-named variable', () => {
    const error = configErrorOf({ ...validEnv, API_SECRET: 'short-s3cr3t' });
    expect(error.message).toContain('API_SECRET: must be longer than or equal to 16 characters (value hidden)');
    expect(error.message).not.toContain('short-s3cr3t');
  });

  it('masks the password of a URL it reports', () => {
    const error = configErrorOf({ ...validEnv, RABBITMQ_URL: 'http://mq-user:mq-pass@broker:5672' });
    expect(error.message).toContain('RABBITMQ_URL: must be an amqp:// or amqps:// URL (got "http://mq-user:***@broker:5672")');
    expect(error.message).not.toContain('mq-pass');
  });
});
