import { Module } from '@nestjs/common';
import { QuestionnaireModule } from '../questionnaire/questionnaire.module';
import { ProfileRpcHandler } from './subscriptions.rpc-handler';
import { SubscriptionsService } from './subscriptions.service';

/** `User/Subscriptions` (customer.subscription.update) and `User/Attributes`. */
@Module({ imports: [QuestionnaireModule], providers: [SubscriptionsService, ProfileRpcHandler] })
export class SubscriptionsModule {}
