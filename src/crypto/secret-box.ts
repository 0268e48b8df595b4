// AES-256-GCM for integration secrets at rest; each ciphertext names its key so that a rotation can re-encrypt.
import crypto from 'node:crypto';

const FORMAT = 1;
const ID_LENGTH = 4;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

function keyId(key: Buffer): Buffer {
  return crypto.createHash('sha256').update(key).digest().subarray(0, ID_LENGTH);
}

export class SecretBox {
  private readonly keys: Buffer[];

  /** `current` encrypts; `previous` keys still decrypt (after SECRETS_KEY rotation, until re-encrypted). */
  constructor(current: Buffer, previous: Buffer[] = []) {
    if (current.length < 32) throw new Error('the secrets key must have at least 32 bytes');
    this.keys = [current, ...previous];
  }

  encrypt(plaintext: string): Buffer {
    return this.seal(Buffer.from(plaintext, 'utf8'));
  }

  decrypt(sealed: Uint8Array): string {
    return this.open(sealed).toString('utf8');
  }

  /** Bytes in, sealed bytes out (webhook bodies). */
  seal(plaintext: Buffer): Buffer {
    const key = this.keys[0]!;
    const iv = crypto.randomBytes(IV_LENGTH);
    const cipher = crypto.createCipheriv('aes-256-gcm', key.subarray(0, 32), iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT]), keyId(key), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Uint8Array): Buffer {
    const data = Buffer.from(sealed);
    if (data.length < 1 + ID_LENGTH + IV_LENGTH + TAG_LENGTH || data[0] !== FORMAT)
      throw new Error('not a sealed secret');
    const id = data.subarray(1, 1 + ID_LENGTH);
    const key = this.keys.find((candidate) => keyId(candidate).equals(id));
    if (!key) throw new Error('sealed with a key that is not configured (SECRETS_KEY / SECRETS_KEY_PREVIOUS)');
    const iv = data.subarray(1 + ID_LENGTH, 1 + ID_LENGTH + IV_LENGTH);
    const tag = data.subarray(1 + ID_LENGTH + IV_LENGTH, 1 + ID_LENGTH + IV_LENGTH + TAG_LENGTH);
    const decipher = crypto.createDecipheriv('aes-256-gcm', key.subarray(0, 32), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data.subarray(1 + ID_LENGTH + IV_LENGTH + TAG_LENGTH)), decipher.final()]);
  }

  /** True when the ciphertext is under the current key (a rotation re-encrypts the others). */
  isCurrent(sealed: Uint8Array): boolean {
    return Buffer.from(sealed)
      .subarray(1, 1 + ID_LENGTH)
      .equals(keyId(this.keys[0]!));
  }
}
