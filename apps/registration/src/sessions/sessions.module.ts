import { Module } from '@nestjs/common';
import { SessionsRpcHandler } from './sessions.rpc-handler';
import { SessionsService } from './sessions.service';

@Module({ providers: [SessionsService, SessionsRpcHandler] })
export class SessionsModule {}
