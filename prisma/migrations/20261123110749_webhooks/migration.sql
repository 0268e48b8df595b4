-- CreateEnum
CREATE TYPE "WebhookVendor" AS ENUM ('greenhouse', 'lever', 'ashby', 'generic');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('queued', 'processing', 'processed', 'ignored', 'dead');

-- AlterEnum
ALTER TYPE "CaseStatus" ADD VALUE 'withdrawn';

-- CreateTable
CREATE TABLE "webhook_sources" (
    "id" UUID NOT NULL,
    "vendor" "WebhookVendor" NOT NULL,
    "name" TEXT NOT NULL,
    "secret_ciphertext" BYTEA NOT NULL,
    "api_key_ciphertext" BYTEA,
    "api_base_url" TEXT,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "candidate_id" TEXT,
    "body" BYTEA,
    "body_sha256" BYTEA NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "outcome" TEXT,
    "case_id" UUID,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "webhook_sources_name_key" ON "webhook_sources"("name");

-- CreateIndex
CREATE INDEX "webhook_sources_vendor_idx" ON "webhook_sources"("vendor");

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_received_at_idx" ON "webhook_deliveries"("status", "received_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_deliveries_source_id_received_at_idx" ON "webhook_deliveries"("source_id", "received_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_deliveries_source_id_candidate_id_idx" ON "webhook_deliveries"("source_id", "candidate_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_case_id_idx" ON "webhook_deliveries"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_source_id_delivery_id_key" ON "webhook_deliveries"("source_id", "delivery_id");

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "webhook_sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
