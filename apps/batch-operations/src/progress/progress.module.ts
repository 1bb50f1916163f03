import { Module } from '@nestjs/common';
import { BatchProgressHandler } from './batch-progress.handler';
import { BatchProgressService } from './batch-progress.service';

@Module({ providers: [BatchProgressService, BatchProgressHandler] })
export class ProgressModule {}
