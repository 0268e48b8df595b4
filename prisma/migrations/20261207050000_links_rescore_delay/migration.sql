-- The link rescoring of a shared value runs one second after the first newcomer that queued it: every newcomer of that
-- second joins the same run (job key, run_at preserved), so a busy farm is rescored about once a second instead of
-- once per newcomer, well inside the two seconds within which every member must show a newcomer.
CREATE OR REPLACE FUNCTION identifiers_queue_link_rescoring() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  value_key text := NEW.kind::text || ':' || encode(NEW.hash, 'hex');
BEGIN
  PERFORM pg_advisory_xact_lock(611084417, hashtext(value_key));
  IF EXISTS (SELECT 1 FROM identifiers WHERE kind = NEW.kind AND hash = NEW.hash AND case_id <> NEW.case_id) THEN
    INSERT INTO shared_identifiers (kind, hash) VALUES (NEW.kind, NEW.hash) ON CONFLICT DO NOTHING;
    PERFORM graphile_worker.add_job('links_rescore', json_build_object('kind', NEW.kind, 'hash', encode(NEW.hash, 'hex'), 'caseId', NEW.case_id),
      run_at => now() + interval '1 second', job_key => 'links:' || value_key, job_key_mode => 'preserve_run_at', max_attempts => 10);
  END IF;
  RETURN NULL;
END $$;
