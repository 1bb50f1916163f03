import { Global, Module } from '@nestjs/common';
import { RegistryHandlers } from './registry.handlers';
import { RegistryService } from './registry.service';

@Global()
@Module({ providers: [RegistryService, RegistryHandlers], exports: [RegistryService] })
export class CurrenciesModule {}
