// Running instances and the cache versions they reloaded (service_instances), and the version of each cached topic
// (cache_versions, bumped by triggers): what lets the CLI wait until every running instance uses its change.
import type { Queryable } from '../db/prisma-client';
import type { CacheTopic } from '../db/change-listener';

export interface InstanceIdentity {
  id: string;
  /** 'service' (npm start) or 'worker' (cli worker). */
  kind: string;
  host: string;
  pid: number;
}

export interface InstanceReport extends InstanceIdentity {
  seenAt: Date;
  sanctionsVersionId: string | null;
  /** The cache version per topic this instance reloaded after. */
  synced: Partial<Record<CacheTopic, number>>;
}

export type TopicVersions = Partial<Record<CacheTopic, number>>;

interface InstanceRow {
  id: string;
  kind: string;
  host: string;
  pid: number;
  seen_at: Date;
  sanctions_version_id: string | null;
  synced: Record<string, number>;
}

export class InstanceStore {
  constructor(private readonly pool: Queryable) {}

  /** Announces the instance (again, after its row was purged) and answers every topic's version. */
  async heartbeat(instance: InstanceIdentity, sanctionsVersionId: string | null): Promise<TopicVersions> {
    const { rows } = await this.pool.query<{ versions: Record<string, string> | null }>({
      name: 'instance_heartbeat',
      text: `WITH beat AS (
               INSERT INTO service_instances AS i (id, kind, host, pid, sanctions_version_id) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (id) DO UPDATE SET seen_at = now(), sanctions_version_id = EXCLUDED.sanctions_version_id)
             SELECT (SELECT json_object_agg(topic, version) FROM cache_versions) AS versions`,
      values: [instance.id, instance.kind, instance.host, instance.pid, sanctionsVersionId],
    });
    return Object.fromEntries(
      Object.entries(rows[0]?.versions ?? {}).map(([topic, version]) => [topic, Number(version)]),
    );
  }

  /** The current version of one topic (0 before its table ever changed). */
  async topicVersion(topic: CacheTopic): Promise<number> {
    const { rows } = await this.pool.query<{ version: string }>('SELECT version FROM cache_versions WHERE topic = $1', [
      topic,
    ]);
    return rows.length ? Number(rows[0]!.version) : 0;
  }

  /** Records that the instance reloaded `topic` after it had reached `version`. */
  async recordSynced(
    instanceId: string,
    topic: CacheTopic,
    version: number,
    sanctionsVersionId: string | null,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE service_instances SET synced = synced || jsonb_build_object($2::text, $3::bigint), sanctions_version_id = $4, seen_at = now() WHERE id = $1`,
      [instanceId, topic, version, sanctionsVersionId],
    );
  }

  /** Instances that reported within `withinMs`, oldest first. */
  async alive(withinMs: number): Promise<InstanceReport[]> {
    const { rows } = await this.pool.query<InstanceRow>(
      `SELECT id, kind, host, pid, seen_at, sanctions_version_id, synced FROM service_instances
        WHERE seen_at > now() - $1 * interval '1 millisecond' ORDER BY started_at, id`,
      [withinMs],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      host: row.host,
      pid: row.pid,
      seenAt: row.seen_at,
      sanctionsVersionId: row.sanctions_version_id,
      synced: Object.fromEntries(Object.entries(row.synced).map(([topic, version]) => [topic, Number(version)])),
    }));
  }

  /** A stopping instance leaves; rows of instances that died without leaving go after a day. */
  async remove(instanceId: string): Promise<void> {
    await this.pool.query(`DELETE FROM service_instances WHERE id = $1 OR seen_at < now() - interval '1 day'`, [
      instanceId,
    ]);
  }
}
