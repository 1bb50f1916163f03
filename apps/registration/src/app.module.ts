import { BrokerReadinessCheck, MessagingModule } from '@loyalty/messaging';
import { DatabaseReadinessCheck, PersistenceModule } from '@loyalty/persistence';
import { HealthModule, MetricsModule, ServiceConfigModule } from '@loyalty/runtime';
import { DynamicModule, Module } from '@nestjs/common';
import { CardStepsModule } from './card-steps/card-steps.module';
import { RegistrationConfig } from './config/registration.config';
import { registrationDatabase } from './database';
import { EmailModule } from './email/email.module';
import { MembersModule } from './members/members.module';
import { MergesModule } from './merges/merges.module';
import { PasswordModule } from './password/password.module';
import { PhoneModule } from './phone/phone.module';
import { QuestionnaireModule } from './questionnaire/questionnaire.module';
import { RegistrationFlowModule } from './registration-flow/registration-flow.module';
import { SessionsModule } from './sessions/sessions.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';

export const REGISTRATION_SERVICE_NAME = 'registration';

@Module({})
export class AppModule {
  static forRoot(config: RegistrationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        MetricsModule.forRoot({ serviceName: REGISTRATION_SERVICE_NAME }),
        PersistenceModule.forRoot(registrationDatabase(config.DATABASE_URL)),
        MessagingModule.forRoot({ serviceName: REGISTRATION_SERVICE_NAME, url: config.RABBITMQ_URL, outboxRelay: true }),
        MembersModule,
        SessionsModule,
        RegistrationFlowModule,
        PhoneModule,
        EmailModule,
        PasswordModule,
        QuestionnaireModule,
        CardStepsModule,
        SubscriptionsModule,
        MergesModule,
        HealthModule.register({ checks: [DatabaseReadinessCheck, BrokerReadinessCheck] }),
      ],
    };
  }
}
