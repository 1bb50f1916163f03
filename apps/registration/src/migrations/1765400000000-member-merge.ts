import { MigrationInterface, QueryRunner } from 'typeorm';

/** Member merge (SPEC §3.3): a member can be Closed, remembering whom it was merged into and when. */
export class MemberMerge1765400000000 implements MigrationInterface {
  name = 'MemberMerge1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE member DROP CONSTRAINT member_state_check`);
    await queryRunner.query(`ALTER TABLE member ADD CONSTRAINT member_state_check CHECK (state IN ('Registering', 'Registered', 'Closed'))`);
    await queryRunner.query(`ALTER TABLE member ADD COLUMN merged_into_id integer REFERENCES member (id), ADD COLUMN closed_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE member DROP COLUMN merged_into_id, DROP COLUMN closed_at`);
    await queryRunner.query(`ALTER TABLE member DROP CONSTRAINT member_state_check`);
    await queryRunner.query(`ALTER TABLE member ADD CONSTRAINT member_state_check CHECK (state IN ('Registering', 'Registered'))`);
  }
}
