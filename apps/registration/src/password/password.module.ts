import { Module } from '@nestjs/common';
import { PasswordRpcHandler } from './password.rpc-handler';
import { PasswordService } from './password.service';

@Module({ providers: [PasswordService, PasswordRpcHandler] })
export class PasswordModule {}
