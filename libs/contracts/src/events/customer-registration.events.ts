import { NestedObject, OneOf, Required } from '../validation/fields';
import { CustomerInfo } from './customer-info';
import { EventBody } from './event-body';
import { EVENT_CODES_BY_ROUTING_KEY, EventCode, RoutingKey } from './routing-keys';

/** `customer.registration.begin`: BeginRegistration created or resumed a registering member. */
export class RegistrationBeganEvent extends EventBody {
  @Required()
  @OneOf(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.CustomerRegistrationBegin])
  eventCode: typeof EventCode.OnBeginRegistration;

  @Required()
  @NestedObject(() => CustomerInfo)
  customerInfo: CustomerInfo;
}

/** `customer.registration.finish`: TryFinishRegistration completed the registration. */
export class RegistrationFinishedEvent extends EventBody {
  @Required()
  @OneOf(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.CustomerRegistrationFinish])
  eventCode: typeof EventCode.OnEndRegistration;

  @Required()
  @NestedObject(() => CustomerInfo)
  customerInfo: CustomerInfo;
}
