-- CreateTable
CREATE TABLE "sanctions_list_versions" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "files" JSONB NOT NULL,
    "stats" JSONB NOT NULL,
    "problem_count" INTEGER NOT NULL,
    "problem_sample" JSONB NOT NULL,
    "entry_count" INTEGER NOT NULL,
    "imported_by" TEXT NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(3),
    "is_active" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "sanctions_list_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sanctions_list_entries" (
    "version_id" UUID NOT NULL,
    "uid" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "list" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "entry" JSONB NOT NULL,

    CONSTRAINT "sanctions_list_entries_pkey" PRIMARY KEY ("version_id","uid")
);

-- CreateIndex
CREATE INDEX "sanctions_list_versions_imported_at_idx" ON "sanctions_list_versions"("imported_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "sanctions_list_versions_one_active" ON "sanctions_list_versions"("is_active") WHERE (is_active);

-- AddForeignKey
ALTER TABLE "sanctions_list_entries" ADD CONSTRAINT "sanctions_list_entries_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "sanctions_list_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
