import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum),
 * salted per hash; the PHC string carries the parameters, so they can be raised later.
 */
export class PasswordHasher {
  /** Verified against when there is no real hash, so an unknown email costs as much as a wrong password. */
  private readonly dummyHash = hash(randomBytes(32).toString('base64'));

  hash(password: string): Promise<string> {
    return hash(password);
  }

  /** False for a missing hash (unknown email, account without a password) after the same work. */
  async verify(storedHash: string | null, password: string): Promise<boolean> {
    const target = storedHash ?? (await this.dummyHash);
    try {
      const matches = await verify(target, password);
      return storedHash !== null && matches;
    } catch {
      // A stored value that is not a PHC string matches nothing.
      return false;
    }
  }
}
