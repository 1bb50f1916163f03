import attributeUpdate from '../../fixtures/customer.attribute.update.json';
import cardBlockState from '../../fixtures/customer.card.changeBlockState.json';
import cardCategory from '../../fixtures/customer.card.changeCategory.json';
import cardDeleteState from '../../fixtures/customer.card.changeDeleteState.json';
import cardState from '../../fixtures/customer.card.changeState.json';
import cardLink from '../../fixtures/customer.card.link.json';
import profileMerge from '../../fixtures/customer.profile.merge.json';
import registrationBegin from '../../fixtures/customer.registration.begin.json';
import registrationFinish from '../../fixtures/customer.registration.finish.json';
import subscriptionUpdate from '../../fixtures/customer.subscription.update.json';
import purchaseConfirm from '../../fixtures/purchases.confirm.modelUpdate.json';
import purchaseRefund from '../../fixtures/purchases.refundModelUpdate.json';
import { SMC_ROUTING_KEYS, SmcRoutingKey } from '../events/routing-keys';
import { JsonObject } from './seed-shape';

/**
 * The seed's examples, one per SMC routing key, named after the key. Imported rather than read
 * from disk so they travel with the compiled library wherever it is built to.
 */
export type SeedFixtureName = SmcRoutingKey;

const SEED_FIXTURES: Record<SeedFixtureName, JsonObject> = {
  'customer.registration.begin': registrationBegin,
  'customer.registration.finish': registrationFinish,
  'customer.card.link': cardLink,
  'customer.profile.merge': profileMerge,
  'customer.card.changeState': cardState,
  'customer.card.changeBlockState': cardBlockState,
  'customer.card.changeDeleteState': cardDeleteState,
  'customer.card.changeCategory': cardCategory,
  'customer.attribute.update': attributeUpdate,
  'customer.subscription.update': subscriptionUpdate,
  'purchases.confirm.modelUpdate': purchaseConfirm,
  'purchases.refundModelUpdate': purchaseRefund,
};

export const SEED_FIXTURE_NAMES: readonly SeedFixtureName[] = SMC_ROUTING_KEYS;

/** A fresh copy of a seed example, safe to modify; pass a type to read it as something else. */
export function loadFixture(name: SeedFixtureName): JsonObject;
export function loadFixture<T>(name: SeedFixtureName): T;
export function loadFixture(name: SeedFixtureName): unknown {
  const fixture = SEED_FIXTURES[name];
  if (!fixture) {
    throw new Error(`No seed fixture named "${name}"; known: ${SEED_FIXTURE_NAMES.join(', ')}`);
  }
  return structuredClone(fixture);
}
