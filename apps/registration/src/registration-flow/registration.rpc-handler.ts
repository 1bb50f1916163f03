import {
  BeginRegistrationReply,
  BeginRegistrationRequest,
  FinishRegistrationReply,
  MemberRequest,
  RegistrationRpc,
  UserActionsReply,
} from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadMember } from '../members/members';
import { RegistrationService } from './registration.service';
import { RegistrationSteps } from './registration-steps';

@Injectable()
export class RegistrationRpcHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registration: RegistrationService,
    private readonly steps: RegistrationSteps,
  ) {}

  @RpcHandler({ routingKey: RegistrationRpc.Begin, request: BeginRegistrationRequest })
  begin(request: BeginRegistrationRequest): Promise<BeginRegistrationReply> {
    return this.registration.begin(request);
  }

  @RpcHandler({ routingKey: RegistrationRpc.ListActions, request: MemberRequest })
  async actions(request: MemberRequest): Promise<UserActionsReply> {
    return { actions: this.steps.actions(await loadMember(this.dataSource.manager, request.memberId)) };
  }

  @RpcHandler({ routingKey: RegistrationRpc.AcceptTenderOffer, request: MemberRequest })
  acceptTenderOffer(request: MemberRequest): Promise<void> {
    return this.registration.acceptTenderOffer(request.memberId, request.applicationId);
  }

  @RpcHandler({ routingKey: RegistrationRpc.Finish, request: MemberRequest })
  finish(request: MemberRequest): Promise<FinishRegistrationReply> {
    return this.registration.finish(request.memberId, request.applicationId);
  }
}
