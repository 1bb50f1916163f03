import { Module } from '@nestjs/common';
import { PhoneRpcHandler } from './phone.rpc-handler';
import { PhoneService } from './phone.service';

@Module({ providers: [PhoneService, PhoneRpcHandler] })
export class PhoneModule {}
