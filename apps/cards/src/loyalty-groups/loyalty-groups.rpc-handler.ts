import { CardsRpc, ListLoyaltyGroupsRequest, LoyaltyGroupsReply, PutLoyaltyGroupsReply, PutLoyaltyGroupsRequest } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LoyaltyGroupsService } from './loyalty-groups.service';

@Injectable()
export class LoyaltyGroupsRpcHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: LoyaltyGroupsService,
  ) {}

  @RpcHandler({ routingKey: CardsRpc.ListLoyaltyGroups, request: ListLoyaltyGroupsRequest })
  list(): Promise<LoyaltyGroupsReply> {
    return this.groups.list(this.dataSource.manager);
  }

  @RpcHandler({ routingKey: CardsRpc.PutLoyaltyGroups, request: PutLoyaltyGroupsRequest })
  put(request: PutLoyaltyGroupsRequest): Promise<PutLoyaltyGroupsReply> {
    return this.dataSource.transaction((manager) => this.groups.put(manager, request));
  }
}
