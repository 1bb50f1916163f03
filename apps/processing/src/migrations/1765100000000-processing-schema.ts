import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The processing schema: registries (currencies, lifetimes, loyalty groups), the card projection,
 * accounts with their append-only ledger and accrual lots, payment holds, purchases with their
 * operation journal, balance commands and history. Amounts are numeric(19,4): the 4 decimals of
 * the wire, never floating point.
 */
export class ProcessingSchema1765100000000 implements MigrationInterface {
  name = 'ProcessingSchema1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE currency (
        id serial PRIMARY KEY,
        external_id text NOT NULL UNIQUE,
        name text NOT NULL,
        description text,
        is_deleted boolean NOT NULL DEFAULT false,
        kind text NOT NULL CHECK (kind IN ('bonus', 'money')),
        name_cases jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO currency (id, external_id, name, description, kind, name_cases) VALUES
        (1, 'default-bonus-currency', 'Бонусы', 'Бонусы программы лояльности', 'bonus',
         '{"nominative":"бонус","genitive":"бонуса","plural":"бонусов","abbreviation":"б."}'),
        (2, 'default-money-currency', 'Рубли', 'Деньги, в которых считаются чеки', 'money',
         '{"nominative":"рубль","genitive":"рубля","plural":"рублей","abbreviation":"руб."}')`);
    await queryRunner.query(`SELECT setval('currency_id_seq', 100)`);

    await queryRunner.query(`
      CREATE TABLE lifetime_definition (
        id serial PRIMARY KEY,
        external_id text NOT NULL UNIQUE,
        name text NOT NULL,
        duration_days integer CHECK (duration_days IS NULL OR duration_days > 0),
        is_default boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO lifetime_definition (id, external_id, name, duration_days, is_default)
      VALUES (1, 'default', 'Бессрочно', NULL, true)`);
    await queryRunner.query(`SELECT setval('lifetime_definition_id_seq', 100)`);

    await queryRunner.query(`
      CREATE TABLE loyalty_group (
        id integer PRIMARY KEY,
        title text NOT NULL,
        loyalty_type text NOT NULL CHECK (loyalty_type IN ('discount', 'bonuses')),
        loyalty_quantity numeric(9,4) NOT NULL CHECK (loyalty_quantity >= 0 AND loyalty_quantity <= 100),
        active boolean NOT NULL,
        offer_external_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO loyalty_group (id, title, loyalty_type, loyalty_quantity, active, offer_external_id) VALUES
        (1, 'Standard', 'bonuses', 5, true, '0a6f3c52-61d4-4f0e-8b7a-2d9c1e4b5f01'),
        (2, 'VIP', 'discount', 10, true, '0a6f3c52-61d4-4f0e-8b7a-2d9c1e4b5f02')`);

    await queryRunner.query(`
      CREATE TABLE card_projection (
        card_number text PRIMARY KEY,
        card_id integer,
        customer_id integer,
        customer_uid uuid,
        accountgroup_id text,
        card_state text,
        is_blocked boolean NOT NULL DEFAULT false,
        is_deleted boolean NOT NULL DEFAULT false,
        category text,
        complete boolean NOT NULL DEFAULT false,
        linked_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX card_projection_customer ON card_projection (customer_id, linked_at, card_id)`);
    await queryRunner.query(`CREATE INDEX card_projection_customer_uid ON card_projection (customer_uid)`);

    await queryRunner.query(`
      CREATE TABLE account (
        id bigserial PRIMARY KEY,
        customer_id integer NOT NULL,
        currency_id integer NOT NULL REFERENCES currency (id),
        customer_uid uuid NOT NULL,
        accountgroup_id text NOT NULL,
        balance numeric(19,4) NOT NULL DEFAULT 0,
        held numeric(19,4) NOT NULL DEFAULT 0 CHECK (held >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (customer_id, currency_id)
      )`);
    await queryRunner.query(`CREATE INDEX account_customer_uid ON account (customer_uid)`);

    await queryRunner.query(`
      CREATE TABLE ledger_entry (
        id bigserial PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES account (id),
        kind text NOT NULL,
        amount numeric(19,4) NOT NULL CHECK (amount <> 0),
        description text,
        purchase_id integer,
        source_id text,
        card_number text,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ledger_entry_account ON ledger_entry (account_id, id)`);
    // The ledger is append-only: corrections are new entries, never edits.
    await queryRunner.query(`
      CREATE FUNCTION ledger_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entry is append-only (% refused)', TG_OP;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
      FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only()`);

    await queryRunner.query(`
      CREATE TABLE accrual_lot (
        id bigserial PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES account (id),
        entry_id bigint NOT NULL REFERENCES ledger_entry (id),
        amount numeric(19,4) NOT NULL CHECK (amount > 0),
        remaining numeric(19,4) NOT NULL CHECK (remaining >= 0),
        lifetime_id integer NOT NULL REFERENCES lifetime_definition (id),
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX accrual_lot_spendable ON accrual_lot (account_id, expires_at NULLS LAST, id) WHERE remaining > 0`,
    );
    await queryRunner.query(
      `CREATE INDEX accrual_lot_expiring ON accrual_lot (expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE purchase (
        id serial PRIMARY KEY,
        merchant_scope text NOT NULL,
        external_purchase_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('Sale', 'Refund')),
        stage text NOT NULL CHECK (stage IN ('Calculated', 'Paid', 'Accrued', 'Confirmed', 'Canceled')),
        customer_id integer NOT NULL,
        account_id bigint NOT NULL REFERENCES account (id),
        card_number text,
        card_id integer,
        identity text NOT NULL,
        identifier_id integer,
        application_id integer,
        merchant jsonb,
        cashier text,
        cheque_number text,
        lines jsonb NOT NULL,
        group_id integer,
        offer_external_id uuid,
        payment_amount numeric(19,4) NOT NULL DEFAULT 0,
        payment_positions jsonb NOT NULL DEFAULT '{}',
        hold_id bigint,
        accrual_amount numeric(19,4) NOT NULL DEFAULT 0,
        accrual_positions jsonb NOT NULL DEFAULT '{}',
        returned jsonb NOT NULL DEFAULT '{}',
        refunded_purchase_id integer REFERENCES purchase (id),
        operation_date timestamptz NOT NULL,
        confirmed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (merchant_scope, external_purchase_id)
      )`);
    await queryRunner.query(`CREATE INDEX purchase_customer_stage ON purchase (customer_id, stage)`);

    await queryRunner.query(`
      CREATE TABLE purchase_operation (
        id bigserial PRIMARY KEY,
        merchant_scope text NOT NULL,
        operation_id text NOT NULL,
        purchase_id integer NOT NULL REFERENCES purchase (id),
        kind text NOT NULL,
        request_hash text NOT NULL,
        reply jsonb NOT NULL,
        canceled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT purchase_operation_unique_id UNIQUE (merchant_scope, operation_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE payment_hold (
        id bigserial PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES account (id),
        purchase_id integer NOT NULL REFERENCES purchase (id),
        operation_id text NOT NULL,
        limit_key text NOT NULL,
        business_date date NOT NULL,
        amount numeric(19,4) NOT NULL CHECK (amount > 0),
        state text NOT NULL CHECK (state IN ('Held', 'Captured', 'Released')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX payment_hold_daily ON payment_hold (limit_key, business_date) WHERE state <> 'Released'`,
    );

    await queryRunner.query(`
      CREATE TABLE balance_command (
        idempotency_key text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('Accrue', 'Withdraw')),
        request_hash text NOT NULL,
        entry_id bigint NOT NULL REFERENCES ledger_entry (id),
        reply jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE history_item (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        customer_id integer NOT NULL,
        card_id integer,
        type text NOT NULL CHECK (type IN ('Purchase', 'RewardData', 'WithdrawData')),
        date_time timestamptz NOT NULL,
        identity text NOT NULL,
        description text NOT NULL,
        partner_id text,
        brand_id text,
        data jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX history_item_customer ON history_item (customer_id, date_time DESC, seq DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'history_item',
      'balance_command',
      'payment_hold',
      'purchase_operation',
      'purchase',
      'accrual_lot',
      'ledger_entry',
      'account',
      'card_projection',
      'loyalty_group',
      'lifetime_definition',
      'currency',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION IF EXISTS ledger_entry_is_append_only()`);
  }
}
