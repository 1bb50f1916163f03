import { MigrationInterface, QueryRunner } from 'typeorm';

export class MessagingTables1764000000000 implements MigrationInterface {
  name = 'MessagingTables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        id bigserial PRIMARY KEY,
        message_id char(32) NOT NULL UNIQUE,
        exchange varchar(255) NOT NULL,
        routing_key varchar(255) NOT NULL,
        message_type varchar(255) NOT NULL,
        payload text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL
      )`);
    await queryRunner.query(`CREATE INDEX outbox_message_unsent_idx ON outbox_message (id) WHERE sent_at IS NULL`);
    await queryRunner.query(`CREATE INDEX outbox_message_sent_at_idx ON outbox_message (sent_at) WHERE sent_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE inbox_message (
        consumer varchar(255) NOT NULL,
        message_id varchar(64) NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox_message`);
    await queryRunner.query(`DROP TABLE outbox_message`);
  }
}
