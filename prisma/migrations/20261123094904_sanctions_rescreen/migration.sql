-- AlterTable
ALTER TABLE "sanctions_list_versions" ADD COLUMN     "rescreen_stats" JSONB,
ADD COLUMN     "rescreened_at" TIMESTAMPTZ(3);
