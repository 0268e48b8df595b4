-- CreateTable
CREATE TABLE "cache_versions" (
    "topic" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cache_versions_pkey" PRIMARY KEY ("topic")
);

-- CreateTable
CREATE TABLE "service_instances" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sanctions_version_id" UUID,
    "synced" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "service_instances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_buckets" (
    "key" TEXT NOT NULL,
    "capacity" DOUBLE PRECISION NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "requested" INTEGER NOT NULL,
    "granted" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "service_instances_seen_at_idx" ON "service_instances"("seen_at");

-- CreateIndex
CREATE INDEX "rate_limit_buckets_updated_at_idx" ON "rate_limit_buckets"("updated_at");

-- Counters need no crash safety (after a crash every bucket starts full): no WAL for the write every request makes.
ALTER TABLE "rate_limit_buckets" SET UNLOGGED;

-- What running instances cache is announced by the table behind it, in the writer's own transaction: the topic's
-- version goes up and a notice goes out at commit (NOTIFY is transactional), whoever writes (CLI, API, page, SQL).
CREATE FUNCTION announce_cache_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cache_versions AS c (topic, version, changed_at) VALUES (TG_ARGV[0], 1, now())
    ON CONFLICT (topic) DO UPDATE SET version = c.version + 1, changed_at = now();
  PERFORM pg_notify('hfrc_cache_changed', TG_ARGV[0]);
  RETURN NULL;
END $$;

-- Only the columns that change what instances use: not rescreened_at, nor an API key's last_used_at.
CREATE TRIGGER sanctions_list_versions_announce AFTER INSERT OR DELETE OR UPDATE OF is_active ON sanctions_list_versions
  FOR EACH STATEMENT EXECUTE FUNCTION announce_cache_change('sanctions');
CREATE TRIGGER known_addresses_announce AFTER INSERT OR UPDATE OR DELETE ON known_addresses
  FOR EACH STATEMENT EXECUTE FUNCTION announce_cache_change('known_addresses');
CREATE TRIGGER webhook_sources_announce AFTER INSERT OR UPDATE OR DELETE ON webhook_sources
  FOR EACH STATEMENT EXECUTE FUNCTION announce_cache_change('webhook_sources');
CREATE TRIGGER api_keys_announce AFTER DELETE OR UPDATE OF revoked_at, role ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION announce_cache_change('api_keys');
