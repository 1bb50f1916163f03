import { Injectable } from '@nestjs/common';
import { CARD_NUMBER_PATTERN } from '@loyalty/contracts';
import { DataSource } from 'typeorm';
import { CardDirectoryService } from '../cards-projection/card-directory.service';

const CUSTOMER_UID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Card numbers missing from the projection that one call asks the cards service about, and how many at once. */
const CARD_FALLBACK_LIMIT = 256;
const CARD_FALLBACK_PARALLEL = 16;

/**
 * Bulk form of the member lookup the balance commands do one by one: a card number counts when a
 * member holds it and it is not deleted; a customerUid when processing has an account or a card of
 * that member. Both are read in one query each; card numbers the projection has not seen (yet) go
 * through the same cards-service fallback as a single command would, up to a limit per call.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CardDirectoryService,
  ) {}

  async unknown(memberNos: string[]): Promise<string[]> {
    const uids = memberNos.filter((memberNo) => CUSTOMER_UID.test(memberNo));
    const cards = memberNos.filter((memberNo) => !CUSTOMER_UID.test(memberNo) && CARD_NUMBER_PATTERN.test(memberNo));
    const known = new Set<string>();

    if (uids.length > 0) {
      const rows: Array<{ uid: string }> = await this.dataSource.query(
        `SELECT customer_uid::text AS uid FROM account WHERE customer_uid = ANY($1::uuid[])
         UNION
         SELECT customer_uid::text FROM card_projection
         WHERE customer_uid = ANY($1::uuid[]) AND customer_id IS NOT NULL AND accountgroup_id IS NOT NULL`,
        [uids],
      );
      const found = new Set(rows.map((row) => row.uid));
      for (const uid of uids) if (found.has(uid.toLowerCase())) known.add(uid);
    }

    if (cards.length > 0) {
      const rows: Array<{ card_number: string }> = await this.dataSource.query(
        `SELECT card_number FROM card_projection
         WHERE card_number = ANY($1::text[]) AND complete AND NOT is_deleted
           AND customer_id IS NOT NULL AND customer_uid IS NOT NULL AND accountgroup_id IS NOT NULL`,
        [cards],
      );
      for (const row of rows) known.add(row.card_number);
      const misses = cards.filter((cardNumber) => !known.has(cardNumber)).slice(0, CARD_FALLBACK_LIMIT);
      let next = 0;
      const lookUp = async (): Promise<void> => {
        while (next < misses.length) {
          const cardNumber = misses[next++];
          const card = await this.directory.findByNumber(cardNumber);
          if (card && !card.isDeleted && card.customerId !== null && card.customerUid !== null && card.accountgroupId !== null) known.add(cardNumber);
        }
      };
      await Promise.all(Array.from({ length: Math.min(CARD_FALLBACK_PARALLEL, misses.length) }, lookUp));
    }

    return memberNos.filter((memberNo) => !known.has(memberNo));
  }
}
