import {
  Describe,
  IntegerValue,
  PresentOrNull,
  Required,
  RequiredUnlessSibling,
  Text,
  Uuid,
} from '../validation/fields';

/**
 * The member an event is about (`customerInfo`, `fromCustomerInfo`, `toCustomerInfo`).
 *
 * The seed names the member's uuid `customerCode` in the registration and attribute events and
 * `customerUid` everywhere else. We publish both with the same value (SPEC §2.1); a consumer
 * accepts either one.
 */
export class CustomerInfo {
  @Required()
  @IntegerValue()
  @Describe('The member’s numeric id.')
  customerId: number;

  @Required()
  @Text()
  @Describe('The member’s account id, as a string.')
  accountgroupId: string;

  @RequiredUnlessSibling('customerCode')
  @Uuid()
  @Describe('The member’s uuid (same value as customerCode).')
  customerUid?: string;

  @RequiredUnlessSibling('customerUid')
  @Uuid()
  @Describe('The member’s uuid (same value as customerUid).')
  customerCode?: string;

  @PresentOrNull()
  @Text()
  mobileDeviceId: string | null;

  @PresentOrNull()
  @IntegerValue()
  @Describe('Id of the identifier (phone or card) the action used.')
  identifierId: number | null;

  @PresentOrNull()
  @IntegerValue()
  @Describe('Numeric id of the OAuth client that made the call.')
  applicationId: number | null;
}

/** A customer info as we publish it: both uuid keys present. */
export type PublishedCustomerInfo = CustomerInfo & { customerUid: string; customerCode: string };

export interface CustomerInfoSource {
  customerId: number;
  accountgroupId: string;
  customerUid: string;
  mobileDeviceId?: string | null;
  identifierId?: number | null;
  applicationId?: number | null;
}

/** Builds a customer info the way producers must publish it, with every key present. */
export function buildCustomerInfo(source: CustomerInfoSource): PublishedCustomerInfo {
  return {
    customerId: source.customerId,
    accountgroupId: source.accountgroupId,
    customerUid: source.customerUid,
    customerCode: source.customerUid,
    mobileDeviceId: source.mobileDeviceId ?? null,
    identifierId: source.identifierId ?? null,
    applicationId: source.applicationId ?? null,
  };
}
