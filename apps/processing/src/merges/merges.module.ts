import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { LedgerModule } from '../ledger/ledger.module';
import { ProfileMergesConsumer } from './profile-merges.consumer';

/** Member merge: the balance of the merged-away member moves to the other one. */
@Module({ imports: [AccountsModule, LedgerModule], providers: [ProfileMergesConsumer] })
export class MergesModule {}
