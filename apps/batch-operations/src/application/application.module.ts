import { Module } from '@nestjs/common';
import { SubmissionModule } from '../submission/submission.module';
import { BatchWorker } from './batch-worker';
import { ChunkProcessor } from './chunk-processor';
import { WorkQueue } from './work-queue';

@Module({
  imports: [SubmissionModule],
  providers: [WorkQueue, ChunkProcessor, BatchWorker],
})
export class ApplicationModule {}
