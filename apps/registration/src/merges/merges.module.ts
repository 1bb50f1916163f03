import { Module } from '@nestjs/common';
import { MergesRpcHandler } from './merges.rpc-handler';
import { MergesService } from './merges.service';

/** System API member merge: closes `from` and publishes `customer.profile.merge`. */
@Module({ providers: [MergesService, MergesRpcHandler] })
export class MergesModule {}
