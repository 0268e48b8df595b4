// The known_addresses table: declare (and forget the link hashes already stored for the address), list, remove.
import type pg from 'pg';
import { inTransaction } from '../db/prisma-client';
import type { KnownAddressKind } from '../intel/known-addresses';

export interface KnownAddressInput {
  label: string;
  kind: KnownAddressKind;
  line1: string;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string;
}

export interface KnownAddress extends KnownAddressInput {
  id: string;
  matchKey: string;
  addedBy: string;
  addedAt: Date;
  removedBy: string | null;
  removedAt: Date | null;
}

/** A link hash (identifiers.kind, identifiers.hash) the declared address has under the current or previous key. */
export interface AddressFingerprint {
  kind: string;
  hash: Buffer;
}

// Selected under the interface's names, in its order: a row is a KnownAddress as it is.
const COLUMNS = `id::text AS id, label, kind::text AS kind, line1, line2, city, region, postal_code AS "postalCode", country,
  match_key AS "matchKey", added_by AS "addedBy", added_at AS "addedAt", removed_by AS "removedBy", removed_at AS "removedAt"`;

export class KnownAddressStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Declares an address; 'taken' when an active one has the same normalised form. In the same transaction, the link
   * hashes already stored for it (cases screened before) are deleted, so no case links through it any more.
   */
  async add(
    input: KnownAddressInput,
    matchKey: string,
    actor: string,
    fingerprints: AddressFingerprint[],
  ): Promise<
    { kind: 'added'; address: KnownAddress; unlinkedCases: number } | { kind: 'taken'; existing: KnownAddress }
  > {
    return inTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<KnownAddress>(
        `INSERT INTO known_addresses (id, label, kind, line1, line2, city, region, postal_code, country, match_key, added_by)
         VALUES (gen_random_uuid(), $1, $2::"KnownAddressKind", $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (match_key) WHERE removed_at IS NULL DO NOTHING
         RETURNING ${COLUMNS}`,
        [
          input.label,
          input.kind,
          input.line1,
          input.line2,
          input.city,
          input.region,
          input.postalCode,
          input.country,
          matchKey,
          actor,
        ],
      );
      if (!rows[0]) {
        const existing = await tx.query<KnownAddress>(
          `SELECT ${COLUMNS} FROM known_addresses WHERE match_key = $1 AND removed_at IS NULL`,
          [matchKey],
        );
        return { kind: 'taken', existing: existing.rows[0]! };
      }
      const kinds = fingerprints.map((f) => f.kind);
      const hashes = fingerprints.map((f) => f.hash);
      const { rows: unlinked } = await tx.query<{ cases: number }>(
        `WITH gone AS (
           DELETE FROM identifiers i USING unnest($1::text[], $2::bytea[]) AS f(kind, hash)
           WHERE i.kind = f.kind::"IdentifierKind" AND i.hash = f.hash RETURNING i.case_id
         ), shared AS (
           DELETE FROM shared_identifiers s USING unnest($1::text[], $2::bytea[]) AS f(kind, hash)
           WHERE s.kind = f.kind::"IdentifierKind" AND s.hash = f.hash
         )
         SELECT count(DISTINCT case_id)::int AS cases FROM gone`,
        [kinds, hashes],
      );
      return { kind: 'added', address: rows[0], unlinkedCases: unlinked[0]?.cases ?? 0 };
    });
  }

  /** Active addresses (oldest first); with `includeRemoved`, the removed ones too. */
  async list(options: { includeRemoved?: boolean } = {}): Promise<KnownAddress[]> {
    const { rows } = await this.pool.query<KnownAddress>(
      `SELECT ${COLUMNS} FROM known_addresses ${options.includeRemoved ? '' : 'WHERE removed_at IS NULL'} ORDER BY added_at, id`,
    );
    return rows;
  }

  /** Marks an active address removed (who, when); null when there is no active address with that id. */
  async remove(id: string, actor: string): Promise<KnownAddress | null> {
    const { rows } = await this.pool.query<KnownAddress>(
      `UPDATE known_addresses SET removed_at = now(), removed_by = $2 WHERE id = $1::uuid AND removed_at IS NULL RETURNING ${COLUMNS}`,
      [id, actor],
    );
    return rows[0] ?? null;
  }
}
