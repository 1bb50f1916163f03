import { Controller, Get } from '@nestjs/common';
import { SmcQueueService, SmcQueueStatus } from './smc-queue.service';

@Controller('smc')
export class SmcQueueController {
  constructor(private readonly smcQueue: SmcQueueService) {}

  /** Operator view of the queue: enabled, bindings applied, depth, consumers. */
  @Get('status')
  status(): Promise<SmcQueueStatus> {
    return this.smcQueue.status();
  }
}
