import { messagingEntities, messagingMigrations } from '@loyalty/messaging';
import type { DatabaseOptions } from '@loyalty/persistence';
import { BatchChunk } from '../application/batch-chunk.entity';
import { BatchOperationsSchema1766000000000 } from '../migrations/1766000000000-batch-operations-schema';
import { Batch } from '../submission/batch.entity';
import { BatchItemRecord } from '../submission/batch-item.entity';
import { BatchUpload } from '../submission/batch-upload.entity';

export const batchOperationsEntities = [...messagingEntities, BatchUpload, Batch, BatchItemRecord, BatchChunk];

export const batchOperationsMigrations = [...messagingMigrations, BatchOperationsSchema1766000000000];

export function batchOperationsDatabase(url: string, poolSize?: number): DatabaseOptions {
  return { url, entities: batchOperationsEntities, migrations: batchOperationsMigrations, poolSize, applicationName: 'batch-operations' };
}
