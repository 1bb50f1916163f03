import { Injectable } from '@nestjs/common';
import {
  BatchOperationsRpc,
  BatchSubmitReply,
  BatchSubmitRequest,
  BatchUploadReply,
  BatchUploadRequest,
} from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { BatchSubmissionService } from './batch-submission.service';
import { BatchUploads } from './batch-uploads';

@Injectable()
export class BatchSubmissionHandler {
  constructor(
    private readonly uploads: BatchUploads,
    private readonly submissions: BatchSubmissionService,
  ) {}

  @RpcHandler({ routingKey: BatchOperationsRpc.Upload, request: BatchUploadRequest })
  async upload(request: BatchUploadRequest): Promise<BatchUploadReply> {
    const stored = await this.uploads.storePart(request.uploadId, request.offset, request.items);
    return { uploadId: request.uploadId, stored };
  }

  @RpcHandler({ routingKey: BatchOperationsRpc.Submit, request: BatchSubmitRequest })
  submit(request: BatchSubmitRequest): Promise<BatchSubmitReply> {
    return this.submissions.submit(request);
  }
}
