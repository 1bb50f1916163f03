import { ConfirmCodeRequest, EmailReply, MemberRequest, RegistrationRpc, SetEmailRequest } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { EmailService } from './email.service';

@Injectable()
export class EmailRpcHandler {
  constructor(private readonly email: EmailService) {}

  @RpcHandler({ routingKey: RegistrationRpc.GetEmail, request: MemberRequest })
  get(request: MemberRequest): Promise<EmailReply> {
    return this.email.get(request.memberId);
  }

  @RpcHandler({ routingKey: RegistrationRpc.SetEmail, request: SetEmailRequest })
  set(request: SetEmailRequest): Promise<void> {
    return this.email.set(request.memberId, request.email);
  }

  @RpcHandler({ routingKey: RegistrationRpc.SendEmailConfirmCode, request: MemberRequest })
  sendCode(request: MemberRequest): Promise<void> {
    return this.email.sendCode(request.memberId);
  }

  @RpcHandler({ routingKey: RegistrationRpc.ConfirmEmail, request: ConfirmCodeRequest })
  confirm(request: ConfirmCodeRequest): Promise<void> {
    return this.email.confirm(request.memberId, request.confirmCode, request.applicationId);
  }
}
