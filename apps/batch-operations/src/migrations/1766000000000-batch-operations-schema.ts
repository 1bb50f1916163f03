import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches, their items and the database work queue that applies them.
 *
 * Items are written while a request is uploaded, under the upload's id, before any batch row
 * exists; submitting creates the batch with that same id (so there is no foreign key from items to
 * batches). Items of an upload that was never submitted are deleted after a retention period.
 */
export class BatchOperationsSchema1766000000000 implements MigrationInterface {
  name = 'BatchOperationsSchema1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE batch_upload (
        id uuid PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX batch_upload_created_at_idx ON batch_upload (created_at)`);

    await queryRunner.query(`
      CREATE TABLE batch (
        id uuid PRIMARY KEY,
        request_id text NOT NULL,
        type smallint NOT NULL CHECK (type IN (2, 3, 4, 5)),
        accrue_description text,
        currency_external_id text,
        lifetime_external_id text,
        allow_negative boolean NOT NULL,
        body_hash char(64) NOT NULL,
        item_count integer NOT NULL CHECK (item_count > 0),
        state text NOT NULL DEFAULT 'NotProcessed'
          CHECK (state IN ('NotProcessed', 'Processing', 'Processed', 'ProcessedWithError')),
        applied_count integer NOT NULL DEFAULT 0,
        failed_count integer NOT NULL DEFAULT 0,
        applied_points numeric(21,2) NOT NULL DEFAULT 0,
        reply jsonb NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT batch_request_id_key UNIQUE (request_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE batch_item (
        batch_id uuid NOT NULL,
        item_index integer NOT NULL CHECK (item_index >= 0),
        member_no text,
        description text,
        operation_date timestamptz,
        merchant_name text,
        transaction_amount numeric(19,4),
        points_amount numeric(19,2),
        digest bytea NOT NULL,
        problem text,
        state text NOT NULL DEFAULT 'Pending' CHECK (state IN ('Pending', 'Applied', 'Failed')),
        error_code text,
        error_message text,
        entry_id bigint,
        processed_at timestamptz,
        PRIMARY KEY (batch_id, item_index)
      )`);
    await queryRunner.query(`CREATE INDEX batch_item_failed_idx ON batch_item (batch_id, item_index) WHERE state = 'Failed'`);

    await queryRunner.query(`
      CREATE TABLE batch_chunk (
        id bigserial PRIMARY KEY,
        batch_id uuid NOT NULL REFERENCES batch (id) ON DELETE CASCADE,
        chunk_no integer NOT NULL,
        first_index integer NOT NULL,
        last_index integer NOT NULL CHECK (last_index >= first_index),
        state text NOT NULL DEFAULT 'Pending' CHECK (state IN ('Pending', 'Done')),
        attempts integer NOT NULL DEFAULT 0,
        lease_owner text,
        lease_until timestamptz,
        not_before timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT batch_chunk_batch_chunk_no_key UNIQUE (batch_id, chunk_no)
      )`);
    await queryRunner.query(`CREATE INDEX batch_chunk_pending_idx ON batch_chunk (id) WHERE state = 'Pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE batch_chunk`);
    await queryRunner.query(`DROP TABLE batch_item`);
    await queryRunner.query(`DROP TABLE batch`);
    await queryRunner.query(`DROP TABLE batch_upload`);
  }
}
