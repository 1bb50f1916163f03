import { Injectable } from '@nestjs/common';
import { MembersResolveReply, MembersResolveRequest, PROCESSING_MEMBERS_RESOLVE } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { MembersService } from './members.service';

/** `processing.members.resolve`: batch-operations checks every memberNo of a batch before accepting it. */
@Injectable()
export class MembersHandler {
  constructor(private readonly members: MembersService) {}

  @RpcHandler({ routingKey: PROCESSING_MEMBERS_RESOLVE, request: MembersResolveRequest })
  async resolve(request: MembersResolveRequest): Promise<MembersResolveReply> {
    return { unknown: await this.members.unknown(request.memberNos) };
  }
}
