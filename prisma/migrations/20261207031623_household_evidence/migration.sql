-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "household_evidence" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "name_key" TEXT;

-- A value stored by a second case queues the rescoring of every case holding it (task links_rescore, one job per
-- value: its job key coalesces the newcomers of a busy farm into one run), from whichever writer stores it, in the
-- writer's own transaction: a crash after the commit loses nothing. Deferred to commit time and taken under a lock on
-- the value, so that of two screenings committing together the second always sees the first (each statement in the
-- function reads what is committed when it starts). The value is also remembered as shared (listing clusters).
CREATE FUNCTION identifiers_queue_link_rescoring() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  value_key text := NEW.kind::text || ':' || encode(NEW.hash, 'hex');
BEGIN
  PERFORM pg_advisory_xact_lock(611084417, hashtext(value_key));
  IF EXISTS (SELECT 1 FROM identifiers WHERE kind = NEW.kind AND hash = NEW.hash AND case_id <> NEW.case_id) THEN
    INSERT INTO shared_identifiers (kind, hash) VALUES (NEW.kind, NEW.hash) ON CONFLICT DO NOTHING;
    PERFORM graphile_worker.add_job('links_rescore', json_build_object('kind', NEW.kind, 'hash', encode(NEW.hash, 'hex'), 'caseId', NEW.case_id),
      job_key => 'links:' || value_key, job_key_mode => 'preserve_run_at', max_attempts => 10);
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER identifiers_queue_link_rescoring AFTER INSERT ON identifiers
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION identifiers_queue_link_rescoring();
