import { Module } from '@nestjs/common';
import { EmailRpcHandler } from './email.rpc-handler';
import { EmailService } from './email.service';

@Module({ providers: [EmailService, EmailRpcHandler] })
export class EmailModule {}
