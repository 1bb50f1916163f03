import { Injectable, Logger } from '@nestjs/common';
import { CustomerInfo, CustomerProfilesMergedEvent, RoutingKey } from '@loyalty/contracts';
import { ConsumeEvents, HandlerContext } from '@loyalty/messaging';
import { EntityManager } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import type { CardOwner } from '../cards-projection/card-directory.service';
import { LedgerService } from '../ledger/ledger.service';
import { moneyToDecimal } from '../money/money';

export const PROFILE_MERGES_QUEUE = 'processing.profile-merges';

/**
 * Member merge (SPEC §3.3), the balance half: when registration publishes
 * `customer.profile.merge`, every account of `from` (one per currency) hands its whole balance to
 * `to`'s account of the same currency (`LedgerService.transferAll`: lots keep their expiry), in the
 * transaction of the inbox row, both accounts locked in id order like every money change.
 *
 * While `from` has bonuses held by an open payment the handler throws: the message goes through
 * the retry queues (the payment is confirmed or cancelled meanwhile) and, if the hold outlives
 * the last retry, is parked in `processing.profile-merges.error` — replay it once the hold ended
 * (`npm run replay -- processing.profile-merges`). A redelivery is dropped by the inbox; a second
 * run would find nothing left to move.
 */
@Injectable()
export class ProfileMergesConsumer {
  private readonly logger = new Logger(ProfileMergesConsumer.name);

  constructor(
    private readonly accounts: AccountsService,
    private readonly ledger: LedgerService,
  ) {}

  @ConsumeEvents({
    queue: PROFILE_MERGES_QUEUE,
    routingKeys: [RoutingKey.CustomerProfileMerge],
    contract: { [RoutingKey.CustomerProfileMerge]: CustomerProfilesMergedEvent },
  })
  async handle(event: CustomerProfilesMergedEvent, { manager }: HandlerContext): Promise<void> {
    await this.moveBalances(manager, ownerOf(event.fromCustomerInfo), ownerOf(event.toCustomerInfo));
  }

  async moveBalances(manager: EntityManager, from: CardOwner, to: CardOwner): Promise<void> {
    const accounts: Array<{ id: string; currency_id: number }> = await manager.query(
      `SELECT id, currency_id FROM account WHERE customer_id = $1 ORDER BY currency_id`,
      [from.customerId],
    );
    const context = { sourceId: `merge:${from.customerId}:${to.customerId}`, occurredAt: new Date() };
    for (const { id, currency_id: currencyId } of accounts) {
      const fromId = String(id);
      const toId = await this.accounts.ensure(manager, to, currencyId);
      // Id order: two merges (or a merge and anything else locking two accounts) never deadlock.
      const fromFirst = BigInt(fromId) < BigInt(toId);
      const firstLocked = await this.accounts.lock(manager, fromFirst ? fromId : toId);
      const secondLocked = await this.accounts.lock(manager, fromFirst ? toId : fromId);
      const [fromAccount, toAccount] = fromFirst ? [firstLocked, secondLocked] : [secondLocked, firstLocked];
      if (fromAccount.held > 0n) {
        throw new Error(`Member ${from.customerId} has ${moneyToDecimal(fromAccount.held)} held by an open payment; the merge is retried later`);
      }
      const moved = await this.ledger.transferAll(manager, fromAccount, toAccount, context);
      if (moved !== 0n) this.logger.log(`Moved ${moneyToDecimal(moved)} (currency ${currencyId}) from member ${from.customerId} to member ${to.customerId}`);
    }
  }
}

function ownerOf(info: CustomerInfo): CardOwner {
  return { customerId: info.customerId, customerUid: (info.customerUid ?? info.customerCode) as string, accountgroupId: info.accountgroupId };
}
