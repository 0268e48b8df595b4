-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "replay_key" BYTEA;

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_source_id_replay_key_key" ON "webhook_deliveries"("source_id", "replay_key");

-- Hand-written: the Greenhouse deliveries already stored get their replay key too (the earliest of each body, as
-- intake keeps the first), so that their bodies cannot be re-sent under a new Greenhouse-Event-ID either.
UPDATE "webhook_deliveries" d SET "replay_key" = d."body_sha256"
FROM "webhook_sources" s
WHERE s."id" = d."source_id" AND s."vendor" = 'greenhouse'
  AND NOT EXISTS (
    SELECT 1 FROM "webhook_deliveries" e
    WHERE e."source_id" = d."source_id" AND e."body_sha256" = d."body_sha256"
      AND (e."received_at", e."id") < (d."received_at", d."id"));
