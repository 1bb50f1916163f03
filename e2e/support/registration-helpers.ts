import { InternalRoutingKey, loadFixture, seedShapeMismatches, SmcRoutingKey } from '@loyalty/contracts';
import { randomInt } from 'node:crypto';
import { CapturedEvent, EventLog } from './event-log';
import { Api } from './http-client';
import { ADMIN_CLIENT } from './platform';

/** A fresh 11-digit phone number (7 + 10 random digits). */
export function newPhone(): string {
  return `79${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
}

/** A fresh physical card number (16 digits, outside the virtual prefix 7788). */
export function newCardNumber(): string {
  return `9116${String(randomInt(0, 1_000_000)).padStart(6, '0')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/** The seed's example answers plus the other required questions, for an adult member. */
export const COMPLETE_ANSWERS = [
  { groupID: null, id: 1, value: 'Иван', selected: false },
  { groupID: null, id: 2, value: 'Петров', selected: false },
  { groupID: null, id: 7, value: '1990-05-17', selected: false },
  { groupID: 5, id: 1, value: null, selected: true },
];

export async function adminToken(api: Api): Promise<string> {
  const response = await api.post<{ access_token: string }>('/api/v1/token', {
    form: { grant_type: 'client_credentials', client_id: ADMIN_CLIENT.id, client_secret: ADMIN_CLIENT.secret, scope: 'admin' },
  });
  if (response.status !== 200) throw new Error(`admin token: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body['access_token'] as string;
}

export async function importCards(api: Api, numbers: string[], categoryId = 2): Promise<void> {
  const response = await api.post('/api/v1/system/cards/import', { token: await adminToken(api), json: { cardNumbers: numbers, categoryId } });
  if (response.status !== 200) throw new Error(`card import: ${response.status} ${JSON.stringify(response.body)}`);
}

/** Confirmation codes, read from notifications.*.requested as a delivery adapter would. */
export class CodeInbox {
  private readonly taken = new Map<string, number>();

  private constructor(readonly log: EventLog) {}

  static async open(): Promise<CodeInbox> {
    return new CodeInbox(await EventLog.open([InternalRoutingKey.NotificationsSmsRequested, InternalRoutingKey.NotificationsEmailRequested]));
  }

  /** The next code sent to a phone number or address that this inbox has not handed out yet. */
  async nextCode(destination: string): Promise<string> {
    const already = this.taken.get(destination) ?? 0;
    const events = await this.log.waitFor((all) => all.filter((event) => sentTo(event) === destination), already + 1, `a code for ${destination}`);
    this.taken.set(destination, already + 1);
    return events[already].body['confirmCode'] as string;
  }

  /** How many codes went to `destination` so far. */
  count(destination: string): number {
    return this.log.events.filter((event) => sentTo(event) === destination).length;
  }

  close(): Promise<void> {
    return this.log.close();
  }
}

function sentTo(event: CapturedEvent): unknown {
  return event.body['phoneNumber'] ?? event.body['email'];
}

/** Every key of the seed model of the event's routing key, with the seed's JSON types (SPEC §2.1). */
export function seedMismatches(event: CapturedEvent): string[] {
  return seedShapeMismatches(event.body, loadFixture(event.routingKey as SmcRoutingKey));
}

export const ok = (data: unknown) => ({ data, result: { state: 'Success', message: null, validationErrors: null } });
