import { Module } from '@nestjs/common';
import { BatchSubmissionHandler } from './batch-submission.handler';
import { BatchSubmissionService } from './batch-submission.service';
import { BatchUploads } from './batch-uploads';
import { ProcessingChecks } from './processing-checks';
import { UploadJanitor } from './upload-janitor';
import { WorkSignal } from './work-signal';

@Module({
  providers: [BatchUploads, ProcessingChecks, BatchSubmissionService, BatchSubmissionHandler, UploadJanitor, WorkSignal],
  exports: [WorkSignal],
})
export class SubmissionModule {}
