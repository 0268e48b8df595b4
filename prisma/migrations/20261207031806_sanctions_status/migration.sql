-- CreateEnum
CREATE TYPE "SanctionsStatus" AS ENUM ('clear', 'potential_match', 'confirmed_match', 'cleared_by_comparison');

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "sanctions_status" "SanctionsStatus" NOT NULL DEFAULT 'clear';

-- AlterTable
ALTER TABLE "screenings" ADD COLUMN     "sanctions_status" "SanctionsStatus" NOT NULL DEFAULT 'clear';

-- CreateIndex
CREATE INDEX "cases_sanctions_status_score_id_idx" ON "cases"("sanctions_status", "score" DESC, "id");

-- Backfill from the stored findings (the same rule as src/scoring/sanctions-status.ts), then each case from its latest screening.
UPDATE "screenings" s SET "sanctions_status" = (CASE
    WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(s.findings) f WHERE f->>'indicator' IN ('sanc_sdn_name', 'sanc_crypto_address') AND coalesce(f#>>'{evidence,review,outcome}', '') <> 'false_positive') THEN 'confirmed_match'
    WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(s.findings) f WHERE f->>'indicator' = 'sanc_sdn_name_possible' AND coalesce(f#>>'{evidence,review,outcome}', '') <> 'false_positive') THEN 'potential_match'
    ELSE 'cleared_by_comparison' END)::"SanctionsStatus"
WHERE jsonb_typeof(s.findings) = 'array' AND EXISTS (SELECT 1 FROM jsonb_array_elements(s.findings) f WHERE f->>'family' = 'sanctions');

UPDATE "cases" c SET "sanctions_status" = latest."sanctions_status"
FROM (SELECT DISTINCT ON ("case_id") "case_id", "sanctions_status" FROM "screenings" ORDER BY "case_id", "created_at" DESC) latest
WHERE latest."case_id" = c."id" AND latest."sanctions_status" <> 'clear';

-- Notifications carry the sanctions status beside the band (the rest of the function as in 20261123115522_notifications).
CREATE OR REPLACE FUNCTION "notify_case_band_raised"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  endpoint RECORD;
  previous_band TEXT := CASE WHEN TG_OP = 'UPDATE' THEN OLD.band::text END;
  top_indicators JSONB;
  delivery_id UUID;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "notification_endpoints" WHERE enabled AND min_band <= NEW.band) THEN
    RETURN NULL;
  END IF;
  SELECT coalesce(jsonb_agg(jsonb_build_object('id', f->>'indicator', 'family', f->>'family', 'severity', f->>'severity', 'points', f->'points')
                            ORDER BY (f->>'points')::numeric DESC, f->>'indicator'), '[]'::jsonb)
    INTO top_indicators
    FROM (SELECT f FROM jsonb_array_elements(coalesce(
            (SELECT findings FROM "screenings" WHERE case_id = NEW.id ORDER BY created_at DESC LIMIT 1), '[]'::jsonb)) AS f
          WHERE jsonb_typeof(f) = 'object'
          ORDER BY (f->>'points')::numeric DESC, f->>'indicator' LIMIT 3) AS top;
  FOR endpoint IN SELECT id, max_attempts FROM "notification_endpoints" WHERE enabled AND min_band <= NEW.band ORDER BY created_at, id LOOP
    INSERT INTO "notification_deliveries" (endpoint_id, case_id, event_type, event_key, payload)
    VALUES (endpoint.id, NEW.id, 'case.band_raised', 'case.band_raised:' || NEW.band::text,
            jsonb_build_object(
              'type', 'case.band_raised',
              'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'data', jsonb_build_object(
                'caseId', NEW.id, 'band', NEW.band::text, 'previousBand', previous_band, 'score', NEW.score,
                'sanctionsStatus', NEW.sanctions_status::text,
                'ruleSetVersion', NEW.rule_set_version, 'topIndicators', top_indicators, 'link', '/cases/' || NEW.id)))
    ON CONFLICT (endpoint_id, case_id, event_key) DO NOTHING
    RETURNING id INTO delivery_id;
    IF delivery_id IS NOT NULL THEN
      PERFORM graphile_worker.add_job('notification_delivery', json_build_object('id', delivery_id), max_attempts => endpoint.max_attempts);
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
