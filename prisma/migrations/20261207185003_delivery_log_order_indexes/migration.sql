-- CreateIndex
-- The webhook delivery log's pages (newest first, keyset on received_at, id): without it every page read and sorted every delivery.
CREATE INDEX "webhook_deliveries_received_at_id_idx" ON "webhook_deliveries"("received_at" DESC, "id" DESC);

-- CreateIndex
-- The notification log's pages (newest first, keyset on created_at, id): without it every page read and sorted every notification.
CREATE INDEX "notification_deliveries_created_at_id_idx" ON "notification_deliveries"("created_at" DESC, "id" DESC);
