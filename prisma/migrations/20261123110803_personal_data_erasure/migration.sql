-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "personal_data_erased_at" TIMESTAMPTZ(3);
