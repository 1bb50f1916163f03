import { Global, Module } from '@nestjs/common';
import { CardsClient } from '../card-steps/cards-client';
import { ConfirmationService } from '../confirmation/confirmation.service';
import { RegistrationSteps } from '../registration-flow/registration-steps';
import { MemberEvents } from './member-events';

/** What every registration step builds on: member events, the step rules, codes, the cards client. */
@Global()
@Module({
  providers: [MemberEvents, RegistrationSteps, ConfirmationService, CardsClient],
  exports: [MemberEvents, RegistrationSteps, ConfirmationService, CardsClient],
})
export class MembersModule {}
