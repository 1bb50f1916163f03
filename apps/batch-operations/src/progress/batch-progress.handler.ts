import { Injectable } from '@nestjs/common';
import { BatchOperationsRpc, BatchProgressReply, BatchProgressRequest } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { BatchProgressService } from './batch-progress.service';

@Injectable()
export class BatchProgressHandler {
  constructor(private readonly progress: BatchProgressService) {}

  @RpcHandler({ routingKey: BatchOperationsRpc.Progress, request: BatchProgressRequest })
  handle(request: BatchProgressRequest): Promise<BatchProgressReply> {
    return this.progress.progress(request);
  }
}
