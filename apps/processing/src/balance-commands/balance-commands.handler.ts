import { Injectable } from '@nestjs/common';
import { BalanceAccrueRequest, BalanceCommandReply, BalanceWithdrawRequest, ProcessingRpc } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { BalanceCommandsService } from './balance-commands.service';

/** Balance commands of other services, as RPC so the caller learns the outcome of each key. */
@Injectable()
export class BalanceCommandsHandler {
  constructor(private readonly commands: BalanceCommandsService) {}

  @RpcHandler({ routingKey: ProcessingRpc.Accrue, request: BalanceAccrueRequest })
  accrue(request: BalanceAccrueRequest): Promise<BalanceCommandReply> {
    return this.commands.accrue(request);
  }

  @RpcHandler({ routingKey: ProcessingRpc.Withdraw, request: BalanceWithdrawRequest })
  withdraw(request: BalanceWithdrawRequest): Promise<BalanceCommandReply> {
    return this.commands.withdraw(request);
  }
}
