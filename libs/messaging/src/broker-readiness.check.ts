import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Injectable } from '@nestjs/common';
import type { ReadinessCheck } from '@loyalty/runtime';

@Injectable()
export class BrokerReadinessCheck implements ReadinessCheck {
  readonly name = 'broker';

  constructor(private readonly amqp: AmqpConnection) {}

  async isReady(): Promise<boolean> {
    return this.amqp.managedConnection.isConnected();
  }
}
