import { AttributesReply, MemberRequest, RegistrationRpc, SetSubscriptionReply, SetSubscriptionRequest, SubscriptionsReply } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { QuestionnaireService } from '../questionnaire/questionnaire.service';
import { SubscriptionsService } from './subscriptions.service';

/** The member's profile beyond registration: subscriptions and the attribute list. */
@Injectable()
export class ProfileRpcHandler {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly questionnaire: QuestionnaireService,
  ) {}

  @RpcHandler({ routingKey: RegistrationRpc.GetSubscriptions, request: MemberRequest })
  list(request: MemberRequest): Promise<SubscriptionsReply> {
    return this.subscriptions.list(request.memberId);
  }

  @RpcHandler({ routingKey: RegistrationRpc.SetSubscription, request: SetSubscriptionRequest })
  set(request: SetSubscriptionRequest): Promise<SetSubscriptionReply> {
    return this.subscriptions.set(request);
  }

  @RpcHandler({ routingKey: RegistrationRpc.GetAttributes, request: MemberRequest })
  attributes(request: MemberRequest): Promise<AttributesReply> {
    return this.questionnaire.attributes(request.memberId);
  }
}
