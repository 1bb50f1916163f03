import { Injectable } from '@nestjs/common';
import { HistoryReply, HistoryRequest, ProcessingRpc } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { HistoryService } from './history.service';

@Injectable()
export class HistoryHandler {
  constructor(private readonly history: HistoryService) {}

  /** `GET History`: only the rows of `customerId`, the member of the bearer token. */
  @RpcHandler({ routingKey: ProcessingRpc.History, request: HistoryRequest })
  get(request: HistoryRequest): Promise<HistoryReply> {
    return this.history.query(request);
  }
}
