import { Module } from '@nestjs/common';
import { RegistrationRpcHandler } from './registration.rpc-handler';
import { RegistrationService } from './registration.service';

@Module({ providers: [RegistrationService, RegistrationRpcHandler] })
export class RegistrationFlowModule {}
