import { bootstrapService } from '@loyalty/runtime';
import { AppModule, CARDS_SERVICE_NAME } from './app.module';
import { CardsConfig } from './config/cards.config';

void bootstrapService({
  serviceName: CARDS_SERVICE_NAME,
  config: CardsConfig,
  module: (config) => AppModule.forRoot(config),
});
