-- CreateEnum
CREATE TYPE "KnownAddressKind" AS ENUM ('office', 'depot', 'staffing_partner');

-- CreateTable
CREATE TABLE "known_addresses" (
    "id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "kind" "KnownAddressKind" NOT NULL,
    "line1" TEXT NOT NULL,
    "line2" TEXT,
    "city" TEXT,
    "region" TEXT,
    "postal_code" TEXT,
    "country" TEXT NOT NULL,
    "match_key" TEXT NOT NULL,
    "added_by" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_by" TEXT,
    "removed_at" TIMESTAMPTZ(3),

    CONSTRAINT "known_addresses_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "known_addresses_one_active" ON "known_addresses"("match_key") WHERE (removed_at IS NULL);

-- Hand-written: the table is its own audit trail. A row is never deleted and never edited; the only change allowed is
-- its removal, once (removed_at and removed_by set from NULL, nothing else touched).
CREATE FUNCTION "known_addresses_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."removed_at" IS NULL AND NEW."removed_at" IS NOT NULL AND NEW."removed_by" IS NOT NULL
     AND (to_jsonb(NEW) - 'removed_at' - 'removed_by') = (to_jsonb(OLD) - 'removed_at' - 'removed_by') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'known_addresses keeps its history: % refused (only a removal, once, is allowed)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "known_addresses_history"
  BEFORE UPDATE OR DELETE ON "known_addresses"
  FOR EACH ROW EXECUTE FUNCTION "known_addresses_refuse_change"();

CREATE TRIGGER "known_addresses_no_truncate"
  BEFORE TRUNCATE ON "known_addresses"
  FOR EACH STATEMENT EXECUTE FUNCTION "known_addresses_refuse_change"();
