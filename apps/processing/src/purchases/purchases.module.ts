import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CardsProjectionModule } from '../cards-projection/cards-projection.module';
import { HistoryModule } from '../history/history.module';
import { LedgerModule } from '../ledger/ledger.module';
import { RulesModule } from '../rules/rules.module';
import { MemberResolver } from './member-resolver';
import { OperationJournal } from './operation-journal';
import { PurchasesHandlers } from './purchases.handlers';
import { PurchasesService } from './purchases.service';
import { RefundsService } from './refunds.service';

@Module({
  imports: [AccountsModule, CardsProjectionModule, HistoryModule, LedgerModule, RulesModule],
  providers: [MemberResolver, OperationJournal, PurchasesService, RefundsService, PurchasesHandlers],
})
export class PurchasesModule {}
