-- CreateTable
CREATE TABLE "shared_identifiers" (
    "kind" "IdentifierKind" NOT NULL,
    "hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shared_identifiers_pkey" PRIMARY KEY ("kind","hash")
);

-- Values already shared when this migration runs.
INSERT INTO "shared_identifiers" ("kind", "hash")
SELECT "kind", "hash" FROM "identifiers" GROUP BY "kind", "hash" HAVING count(DISTINCT "case_id") > 1
ON CONFLICT DO NOTHING;
