-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Band" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('open', 'in_review', 'escalated', 'cleared', 'confirmed_fraud');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('recruiter', 'reviewer', 'admin');

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "external_id" TEXT,
    "subject_name" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "band" "Band" NOT NULL,
    "rule_set_version" TEXT NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'open',
    "assignee" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screenings" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "band" "Band" NOT NULL,
    "rule_set_version" TEXT NOT NULL,
    "findings" JSONB NOT NULL,
    "input_snapshot" JSONB NOT NULL,
    "requested_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "screenings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotent_requests" (
    "api_key_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response_status" INTEGER NOT NULL,
    "response_body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotent_requests_pkey" PRIMARY KEY ("api_key_id","key")
);

-- CreateIndex
CREATE INDEX "cases_band_score_id_idx" ON "cases"("band", "score" DESC, "id");

-- CreateIndex
CREATE INDEX "cases_status_created_at_id_idx" ON "cases"("status", "created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "cases_score_id_idx" ON "cases"("score" DESC, "id");

-- CreateIndex
CREATE INDEX "cases_created_at_id_idx" ON "cases"("created_at" DESC, "id");

-- CreateIndex
CREATE UNIQUE INDEX "cases_source_external_id_key" ON "cases"("source", "external_id");

-- CreateIndex
CREATE INDEX "screenings_case_id_created_at_idx" ON "screenings"("case_id", "created_at");

-- CreateIndex
CREATE INDEX "case_events_case_id_id_idx" ON "case_events"("case_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- AddForeignKey
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Audit trail is append-only: the database itself refuses UPDATE, DELETE and TRUNCATE on case_events.
CREATE FUNCTION "case_events_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "case_events_no_update_delete"
  BEFORE UPDATE OR DELETE ON "case_events"
  FOR EACH ROW EXECUTE FUNCTION "case_events_refuse_change"();

CREATE TRIGGER "case_events_no_truncate"
  BEFORE TRUNCATE ON "case_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "case_events_refuse_change"();
