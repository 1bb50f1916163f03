import { Module } from '@nestjs/common';
import { HistoryHandler } from './history.handler';
import { HistoryService } from './history.service';

@Module({ providers: [HistoryService, HistoryHandler], exports: [HistoryService] })
export class HistoryModule {}
