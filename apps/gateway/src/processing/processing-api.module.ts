import { Module } from '@nestjs/common';
import { MemberOrClientGuard } from './member-or-client.guard';
import { HistoryController, ProcessingController } from './processing.controller';

@Module({ controllers: [ProcessingController, HistoryController], providers: [MemberOrClientGuard] })
export class ProcessingApiModule {}
