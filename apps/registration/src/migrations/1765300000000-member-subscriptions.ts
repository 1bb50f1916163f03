import { MigrationInterface, QueryRunner } from 'typeorm';

/** The member's subscription channels, one row per member and subscription type once they change one. */
export class MemberSubscriptions1765300000000 implements MigrationInterface {
  name = 'MemberSubscriptions1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE member_subscription (
        member_id integer NOT NULL REFERENCES member (id),
        subscription_type_id integer NOT NULL,
        channels jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, subscription_type_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE member_subscription`);
  }
}
