import { Global, Module } from '@nestjs/common';
import { ServiceRpc } from './service-rpc';

@Global()
@Module({ providers: [ServiceRpc], exports: [ServiceRpc] })
export class RpcModule {}
