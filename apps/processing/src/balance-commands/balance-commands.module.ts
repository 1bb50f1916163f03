import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CardsProjectionModule } from '../cards-projection/cards-projection.module';
import { HistoryModule } from '../history/history.module';
import { LedgerModule } from '../ledger/ledger.module';
import { BalanceCommandsHandler } from './balance-commands.handler';
import { BalanceCommandsService } from './balance-commands.service';

@Module({
  imports: [AccountsModule, CardsProjectionModule, HistoryModule, LedgerModule],
  providers: [BalanceCommandsService, BalanceCommandsHandler],
})
export class BalanceCommandsModule {}
