import { Module } from '@nestjs/common';
import { SmcQueueController } from './smc-queue.controller';
import { SmcQueueService } from './smc-queue.service';

@Module({
  controllers: [SmcQueueController],
  providers: [SmcQueueService],
  exports: [SmcQueueService],
})
export class SmcQueueModule {}
