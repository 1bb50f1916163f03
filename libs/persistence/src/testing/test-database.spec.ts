import { assertTestDatabase } from './test-database';

describe('assertTestDatabase', () => {
  it.each(['loyalty_processing', 'postgres', 'prod_tset'])('refuses a database named %s', (name) => {
    expect(() => assertTestDatabase(`postgres://postgres@127.0.0.1:5432/${name}`)).toThrow(/Refusing to touch database/);
  });

  it('accepts a database with "test" in its name', () => {
    expect(() => assertTestDatabase('postgres://postgres@127.0.0.1:5432/cards_test_ab12')).not.toThrow();
  });
});
