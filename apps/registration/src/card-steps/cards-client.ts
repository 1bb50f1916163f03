import {
  ActivateMemberCardsReply,
  CardsRpc,
  EmitVirtualCardReply,
  EmitVirtualCardRequest,
  FindCardReply,
  LinkCardReply,
  LinkCardRequest,
  MemberReference,
  RegistrationErrorCode,
} from '@loyalty/contracts';
import { RpcClient, RpcFault, RpcTimeoutError } from '@loyalty/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { RegistrationConfig } from '../config/registration.config';

/**
 * Calls to the cards service from registration steps. Its typed errors (CardNotFound…) reach the
 * member as they are; silence becomes CardsUnavailable, a step the member can simply retry.
 */
@Injectable()
export class CardsClient {
  private readonly logger = new Logger(CardsClient.name);

  constructor(
    private readonly rpc: RpcClient,
    private readonly config: RegistrationConfig,
  ) {}

  findCard(cardNumber: string): Promise<FindCardReply> {
    return this.call(CardsRpc.FindCard, { cardNumber });
  }

  linkCard(request: LinkCardRequest): Promise<LinkCardReply> {
    return this.call(CardsRpc.LinkCard, request);
  }

  emitVirtualCard(request: EmitVirtualCardRequest): Promise<EmitVirtualCardReply> {
    return this.call(CardsRpc.EmitVirtualCard, request);
  }

  activateMemberCards(member: MemberReference): Promise<ActivateMemberCardsReply> {
    return this.call(CardsRpc.ActivateMemberCards, { member });
  }

  /**
   * For steps whose outcome is also guaranteed by an event cards consumes (the automatic
   * virtual card, activation): calling now only makes the result visible at once.
   */
  async bestEffort(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn(`${what} left to the event consumer of cards: ${(error as Error).message}`);
    }
  }

  private async call<T>(routingKey: string, payload: object): Promise<T> {
    try {
      return await this.rpc.call<T>(routingKey, payload, this.config.CARDS_RPC_TIMEOUT_MS);
    } catch (error) {
      if (error instanceof RpcTimeoutError || !(error instanceof RpcFault)) {
        throw new RpcFault(RegistrationErrorCode.CardsUnavailable, 'Сервис карт временно недоступен, повторите попытку.');
      }
      throw error;
    }
  }
}
