import { LoginRequest, MemberSession, RegistrationRpc, SessionGrant, VerifySessionRequest } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { SessionsService } from './sessions.service';

@Injectable()
export class SessionsRpcHandler {
  constructor(private readonly sessions: SessionsService) {}

  @RpcHandler({ routingKey: RegistrationRpc.VerifySession, request: VerifySessionRequest })
  verify(request: VerifySessionRequest): Promise<MemberSession> {
    return this.sessions.verify(request.memberId, request.tokenVersion);
  }

  @RpcHandler({ routingKey: RegistrationRpc.Login, request: LoginRequest })
  login(request: LoginRequest): Promise<SessionGrant> {
    return this.sessions.login(request);
  }
}
