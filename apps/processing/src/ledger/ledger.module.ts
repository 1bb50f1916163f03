import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { HistoryModule } from '../history/history.module';
import { ExpiryJob } from './expiry.job';
import { LedgerService } from './ledger.service';

@Module({ imports: [AccountsModule, HistoryModule], providers: [LedgerService, ExpiryJob], exports: [LedgerService, ExpiryJob] })
export class LedgerModule {}
