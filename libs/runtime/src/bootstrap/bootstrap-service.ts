import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { BaseServiceConfig } from '../config/base-service.config';
import { ConfigError, loadConfig } from '../config/load-config';
import { useHttpObservability } from '../http/http-observability';
import { JsonLogger } from '../logging/json-logger';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export interface ServiceBootstrapOptions<C extends BaseServiceConfig> {
  /** The `service` field of every log line, e.g. `gateway`. */
  serviceName: string;
  /** The app's config class; validated from the environment before anything else starts. */
  config: new () => C;
  /** Builds the root module from the validated config. */
  module: (config: C) => Type<unknown> | DynamicModule;
  /** HTTP setup before listening. Defaults to `useHttpObservability(app)`. */
  configure?: (app: NestExpressApplication, config: C) => void | Promise<void>;
  env?: Record<string, string | undefined>;
}

/**
 * Starts a service: validates config (a bad environment prints every problem and exits 1), creates
 * the Nest app with the JSON logger, drains on SIGTERM/SIGINT (Nest lifecycle hooks, then exit 0;
 * exit 1 if that takes longer than SHUTDOWN_TIMEOUT_MS) and listens on PORT.
 */
export async function bootstrapService<C extends BaseServiceConfig>(options: ServiceBootstrapOptions<C>): Promise<NestExpressApplication> {
  const bootLogger = new JsonLogger({ service: options.serviceName });
  let config: C;
  try {
    config = loadConfig(options.config, options.env ?? process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      bootLogger.fatal({ msg: error.message, issues: error.issues }, 'Config');
    } else {
      bootLogger.fatal(error, 'Config');
    }
    return process.exit(1);
  }

  const logger = new JsonLogger({ service: options.serviceName, level: config.LOG_LEVEL });
  try {
    const app = await NestFactory.create<NestExpressApplication>(options.module(config), { logger, abortOnError: false });
    app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
    armShutdownDeadline(config.SHUTDOWN_TIMEOUT_MS, logger);
    if (options.configure) await options.configure(app, config);
    else useHttpObservability(app);
    await app.listen(config.PORT);
    logger.log({ msg: `Listening on port ${config.PORT}`, port: config.PORT }, 'Bootstrap');
    return app;
  } catch (error) {
    logger.fatal(error, 'Bootstrap');
    return process.exit(1);
  }
}

/** A drain that hangs (a stuck handler, a broker that never acks) must not outlive the grace period. */
function armShutdownDeadline(timeoutMs: number, logger: JsonLogger): void {
  const arm = (signal: string): void => {
    logger.log({ msg: `Received ${signal}, draining`, signal }, 'Shutdown');
    setTimeout(() => {
      logger.fatal({ msg: `Shutdown did not finish within ${timeoutMs} ms, exiting`, timeoutMs }, 'Shutdown');
      process.exit(1);
    }, timeoutMs).unref();
  };
  for (const signal of SHUTDOWN_SIGNALS) process.once(signal, arm);
}
