import { MigrationInterface, QueryRunner } from 'typeorm';

export class CardsTables1764300000000 implements MigrationInterface {
  name = 'CardsTables1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE loyalty_group (
        id integer PRIMARY KEY,
        title varchar(100) NOT NULL UNIQUE,
        loyalty_type varchar(16) NOT NULL CHECK (loyalty_type IN ('discount', 'bonuses')),
        loyalty_quantity numeric(9,4) NOT NULL CHECK (loyalty_quantity >= 0),
        active boolean NOT NULL DEFAULT true
      )`);
    await queryRunner.query(`
      INSERT INTO loyalty_group (id, title, loyalty_type, loyalty_quantity, active) VALUES
        (1, 'Standard', 'bonuses', 5, true),
        (2, 'VIP', 'discount', 10, true)`);
    await queryRunner.query(`
      CREATE TABLE card_member (
        member_id integer PRIMARY KEY,
        customer_uid uuid NOT NULL,
        account_id varchar(32) NOT NULL,
        registered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE card (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        number varchar(32) NOT NULL,
        state varchar(16) NOT NULL CHECK (state IN ('Prepared', 'Issued', 'Activating', 'Activated', 'Replaced', 'Expired')),
        category_id integer NOT NULL REFERENCES loyalty_group (id),
        is_virtual boolean NOT NULL DEFAULT false,
        member_id integer REFERENCES card_member (member_id),
        is_blocked boolean NOT NULL DEFAULT false,
        is_deleted boolean NOT NULL DEFAULT false,
        activation_date timestamptz,
        linked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX card_number_key ON card (number)`);
    await queryRunner.query(`CREATE INDEX card_member_id_idx ON card (member_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE card`);
    await queryRunner.query(`DROP TABLE card_member`);
    await queryRunner.query(`DROP TABLE loyalty_group`);
  }
}
