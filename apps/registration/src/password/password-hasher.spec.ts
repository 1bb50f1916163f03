import { hashPassword, OWASP_SCRYPT_COST, verifyPassword } from './password-hasher';

describe('password hashing', () => {
  it('uses scrypt at the OWASP cost and verifies only the right password', async () => {
    const hash = await hashPassword('111111');
    expect(hash).toMatch(/^scrypt\$17\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(OWASP_SCRYPT_COST).toEqual({ log2N: 17, r: 8, p: 1 });
    await expect(verifyPassword('111111', hash)).resolves.toBe(true);
    await expect(verifyPassword('111112', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const cheap = { log2N: 10, r: 8, p: 1 };
    expect(await hashPassword('secret-1', cheap)).not.toBe(await hashPassword('secret-1', cheap));
  });

  it('reads the cost from the stored hash, so older hashes keep working', async () => {
    const older = await hashPassword('secret-1', { log2N: 12, r: 8, p: 1 });
    expect(older.startsWith('scrypt$12$8$1$')).toBe(true);
    await expect(verifyPassword('secret-1', older)).resolves.toBe(true);
  });

  it('rejects a malformed stored value instead of throwing', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
  });
});
