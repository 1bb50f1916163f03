import { ConfirmCodeRequest, MemberRequest, PhoneNumberReply, RegistrationRpc, SessionGrant, SetPhoneNumberRequest } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { PhoneService } from './phone.service';

@Injectable()
export class PhoneRpcHandler {
  constructor(private readonly phone: PhoneService) {}

  @RpcHandler({ routingKey: RegistrationRpc.GetPhoneNumber, request: MemberRequest })
  get(request: MemberRequest): Promise<PhoneNumberReply> {
    return this.phone.get(request.memberId);
  }

  @RpcHandler({ routingKey: RegistrationRpc.SetPhoneNumber, request: SetPhoneNumberRequest })
  set(request: SetPhoneNumberRequest): Promise<void> {
    return this.phone.set(request.memberId, request.phoneNumber);
  }

  @RpcHandler({ routingKey: RegistrationRpc.SendPhoneConfirmCode, request: MemberRequest })
  sendCode(request: MemberRequest): Promise<void> {
    return this.phone.sendCode(request.memberId);
  }

  @RpcHandler({ routingKey: RegistrationRpc.ConfirmPhoneNumber, request: ConfirmCodeRequest })
  confirm(request: ConfirmCodeRequest): Promise<SessionGrant> {
    return this.phone.confirm(request.memberId, request.confirmCode, request.applicationId);
  }
}
