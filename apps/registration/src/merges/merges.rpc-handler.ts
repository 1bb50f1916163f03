import { MergeMembersReply, MergeMembersRequest, RegistrationRpc } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { MergesService } from './merges.service';

@Injectable()
export class MergesRpcHandler {
  constructor(private readonly merges: MergesService) {}

  @RpcHandler({ routingKey: RegistrationRpc.MergeMembers, request: MergeMembersRequest })
  merge(request: MergeMembersRequest): Promise<MergeMembersReply> {
    return this.merges.merge(request);
  }
}
