-- DropIndex
DROP INDEX "identifiers_case_id_kind_hash_key";

-- AlterTable
ALTER TABLE "identifiers" DROP CONSTRAINT "identifiers_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "identifiers_pkey" PRIMARY KEY ("case_id", "kind", "hash");
