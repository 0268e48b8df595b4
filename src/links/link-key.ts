// Keys kept in DATA_DIR when not configured: LINK_KEY (fingerprints) and SECRETS_KEY (integration secrets).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The configured key, or one generated once and kept in DATA_DIR/<fileName> (mode 600). */
export function resolveStoredKey(configured: Buffer | undefined, dataDir: string, fileName: string): Buffer {
  if (configured) return configured;
  const file = path.join(dataDir, fileName);
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  // wx: two processes starting together must not overwrite each other's key.
  try {
    fs.writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
    return key;
  } catch {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  }
}

export function resolveLinkKey(configured: Buffer | undefined, dataDir: string): Buffer {
  return resolveStoredKey(configured, dataDir, 'link-key');
}
