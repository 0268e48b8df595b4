-- CreateEnum
CREATE TYPE "IdentifierKind" AS ENUM ('email', 'phone', 'shipping_address', 'residential_address', 'payout_account', 'wallet', 'ip', 'device', 'resume_band');

-- CreateTable
CREATE TABLE "identifiers" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "screening_id" UUID NOT NULL,
    "kind" "IdentifierKind" NOT NULL,
    "hash" BYTEA NOT NULL,
    "key_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identifiers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "identifiers_kind_hash_case_id_idx" ON "identifiers"("kind", "hash", "case_id");

-- CreateIndex
CREATE UNIQUE INDEX "identifiers_case_id_kind_hash_key" ON "identifiers"("case_id", "kind", "hash");

-- AddForeignKey
ALTER TABLE "identifiers" ADD CONSTRAINT "identifiers_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
