import { RegistrationRpc, SessionGrant, SetPasswordRequest } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { PasswordService } from './password.service';

@Injectable()
export class PasswordRpcHandler {
  constructor(private readonly password: PasswordService) {}

  @RpcHandler({ routingKey: RegistrationRpc.SetPassword, request: SetPasswordRequest })
  set(request: SetPasswordRequest): Promise<SessionGrant> {
    return this.password.set(request.memberId, request.password);
  }
}
