import { Global, Module, type DynamicModule } from '@nestjs/common';

/** Token under which the validated config is also available, whatever its class. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/**
 * Makes an already validated config object injectable everywhere, by its own class
 * (`constructor(private readonly config: GatewayConfig)`) or by `SERVICE_CONFIG`.
 */
@Global()
@Module({})
export class ServiceConfigModule {
  static forRoot<T extends object>(config: T): DynamicModule {
    const providers = [
      { provide: config.constructor, useValue: config },
      { provide: SERVICE_CONFIG, useValue: config },
    ];
    return { module: ServiceConfigModule, providers, exports: providers };
  }
}
