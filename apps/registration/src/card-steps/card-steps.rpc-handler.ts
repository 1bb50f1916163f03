import { AssignCardRequest, EmitVirtualCardStepReply, MemberRequest, RegistrationRpc } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { CardStepsService } from './card-steps.service';

@Injectable()
export class CardStepsRpcHandler {
  constructor(private readonly cardSteps: CardStepsService) {}

  @RpcHandler({ routingKey: RegistrationRpc.AssignCard, request: AssignCardRequest })
  assignCard(request: AssignCardRequest): Promise<void> {
    return this.cardSteps.assignCard(request.memberId, request.cardNumber, request.applicationId);
  }

  @RpcHandler({ routingKey: RegistrationRpc.EmitVirtualCard, request: MemberRequest })
  emitVirtualCard(request: MemberRequest): Promise<EmitVirtualCardStepReply> {
    return this.cardSteps.emitVirtualCard(request.memberId, request.applicationId);
  }
}
