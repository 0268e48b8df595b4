// Keyed hashes of identifiers (HMAC-SHA-256, 128 bits kept). A previous key is still looked up after rotation.
import crypto from 'node:crypto';
import { PrecomputedHmacSha256 } from '../crypto/hmac-sha256';
import type { IdentifierKind, IdentifierValue } from './normalise-identifiers';

export interface Fingerprint {
  kind: IdentifierKind;
  hash: Buffer;
}

export class Fingerprinter {
  readonly keyId: string;
  private readonly previous: Fingerprinter | null;
  private readonly hmac: PrecomputedHmacSha256;

  constructor(key: Buffer, previousKey?: Buffer | null) {
    if (key.length < 32) throw new Error('the link key must be at least 32 bytes');
    this.keyId = crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);
    this.hmac = new PrecomputedHmacSha256(key);
    this.previous = previousKey ? new Fingerprinter(previousKey) : null;
  }

  fingerprint(identifier: IdentifierValue): Fingerprint {
    return { kind: identifier.kind, hash: this.hmac.digest(`${identifier.kind}\u0000${identifier.value}`, 16) };
  }

  /**
   * The hashes to look up: under the current key and, during a rotation, the previous one. `current` is the
   * identifiers' fingerprints under the current key when the caller has them already (HMACs are not free).
   */
  lookupFingerprints(
    identifiers: IdentifierValue[],
    current = identifiers.map((identifier) => this.fingerprint(identifier)),
  ): Fingerprint[] {
    return this.previous
      ? [...current, ...identifiers.map((identifier) => this.previous!.fingerprint(identifier))]
      : current;
  }
}
