-- CreateEnum
CREATE TYPE "DispositionKind" AS ENUM ('false_positive', 'confirmed', 'cleared_by_check', 'confirmed_by_check');

-- CreateTable
CREATE TABLE "finding_dispositions" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "indicator" TEXT NOT NULL,
    "subject" TEXT,
    "disposition" "DispositionKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "finding_dispositions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "finding_dispositions_case_id_id_idx" ON "finding_dispositions"("case_id", "id");

-- AddForeignKey
ALTER TABLE "finding_dispositions" ADD CONSTRAINT "finding_dispositions_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
