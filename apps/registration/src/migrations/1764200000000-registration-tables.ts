import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistrationTables1764200000000 implements MigrationInterface {
  name = 'RegistrationTables1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Account ids are their own series so that they differ from member ids, as in the seed.
    await queryRunner.query(`CREATE SEQUENCE member_account_id_seq START WITH 1000`);
    await queryRunner.query(`
      CREATE TABLE member (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        uid uuid NOT NULL UNIQUE,
        account_id bigint NOT NULL UNIQUE DEFAULT nextval('member_account_id_seq'),
        state varchar(16) NOT NULL CHECK (state IN ('Registering', 'Registered')),
        login_type varchar(8) NOT NULL CHECK (login_type IN ('Phone', 'Card')),
        login_identifier_id integer,
        phone varchar(15),
        pending_phone varchar(15),
        phone_confirmed_at timestamptz,
        email varchar(254),
        pending_email varchar(254),
        email_confirmed_at timestamptz,
        password_hash varchar(255),
        offer_accepted_at timestamptz,
        questionnaire_completed_at timestamptz,
        card_assigned_at timestamptz,
        token_version integer NOT NULL DEFAULT 0,
        registered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX member_phone_key ON member (phone) WHERE phone IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX member_email_key ON member (lower(email)) WHERE email IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE member_identifier (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        member_id integer NOT NULL REFERENCES member (id),
        kind varchar(8) NOT NULL CHECK (kind IN ('Phone', 'Card')),
        value varchar(32) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One owner per login value, whatever its kind: a login is looked up by value alone.
    await queryRunner.query(`CREATE UNIQUE INDEX member_identifier_value_key ON member_identifier (value)`);
    await queryRunner.query(`CREATE INDEX member_identifier_member_idx ON member_identifier (member_id)`);
    await queryRunner.query(`
      CREATE TABLE confirmation_code (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        member_id integer NOT NULL REFERENCES member (id),
        channel varchar(8) NOT NULL CHECK (channel IN ('Sms', 'Email')),
        destination varchar(254) NOT NULL,
        salt varchar(32) NOT NULL,
        code_hash varchar(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        failed_attempts integer NOT NULL DEFAULT 0,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX confirmation_code_member_idx ON confirmation_code (member_id, channel, id)`);
    await queryRunner.query(`CREATE INDEX confirmation_code_destination_idx ON confirmation_code (destination, created_at)`);
    await queryRunner.query(`
      CREATE TABLE questionnaire_answer (
        member_id integer NOT NULL REFERENCES member (id),
        question_key varchar(16) NOT NULL,
        value varchar(256) NOT NULL,
        answered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, question_key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE questionnaire_answer`);
    await queryRunner.query(`DROP TABLE confirmation_code`);
    await queryRunner.query(`DROP TABLE member_identifier`);
    await queryRunner.query(`DROP TABLE member`);
    await queryRunner.query(`DROP SEQUENCE member_account_id_seq`);
  }
}
