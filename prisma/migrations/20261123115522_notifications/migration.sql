-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('webhook', 'slack');

-- CreateEnum
CREATE TYPE "NotificationDeliveryStatus" AS ENUM ('queued', 'sent', 'dead');

-- CreateTable
CREATE TABLE "notification_endpoints" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "url" TEXT NOT NULL,
    "secret_ciphertext" BYTEA NOT NULL,
    "min_band" "Band" NOT NULL DEFAULT 'high',
    "max_attempts" INTEGER NOT NULL DEFAULT 10,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "endpoint_id" UUID NOT NULL,
    "case_id" UUID,
    "event_type" TEXT NOT NULL,
    "event_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "NotificationDeliveryStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "response_status" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "notification_endpoints_name_key" ON "notification_endpoints"("name");

-- CreateIndex
CREATE INDEX "notification_deliveries_status_created_at_idx" ON "notification_deliveries"("status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "notification_deliveries_endpoint_id_created_at_idx" ON "notification_deliveries"("endpoint_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "notification_deliveries_endpoint_id_case_id_event_key_key" ON "notification_deliveries"("endpoint_id", "case_id", "event_key");

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "notification_endpoints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Notifications (src/notifications/, docs/operations.md#notifications): when a case's band rises to an enabled
-- endpoint's min_band or above (or a case is created there), one notification_deliveries row per such endpoint and its
-- graphile-worker job are written by this trigger, inside the transaction that changed the case. So every writer is
-- covered (API, web form, webhook jobs, CLI import and rescore, link and sanctions rescoring) and a notification exists
-- if and only if the case change committed. The unique (endpoint_id, case_id, event_key) key makes each band reached
-- notify once per endpoint: a rescreen at the same band, or a fall and a rise back, notifies nothing new.
-- The payload holds no personal data: the case id, bands, score, rule-set version, the top three findings' indicator
-- ids (with family, severity and points; never their messages or evidence) and the case page's path.
-- AFTER ROW triggers run at the end of the statement, so the screening written by the same statement (the screening
-- store's CTEs) is visible here. The WHEN clauses keep low and medium cases off this function entirely.
CREATE FUNCTION "notify_case_band_raised"() RETURNS trigger
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

CREATE TRIGGER "cases_notify_band_inserted" AFTER INSERT ON "cases"
  FOR EACH ROW WHEN (NEW.band >= 'high') EXECUTE FUNCTION "notify_case_band_raised"();
CREATE TRIGGER "cases_notify_band_raised" AFTER UPDATE OF band ON "cases"
  FOR EACH ROW WHEN (NEW.band > OLD.band AND NEW.band >= 'high') EXECUTE FUNCTION "notify_case_band_raised"();
