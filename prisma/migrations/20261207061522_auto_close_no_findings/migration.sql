-- AlterEnum
ALTER TYPE "CaseStatus" ADD VALUE 'no_findings';

-- Triage at intake, for every writer (API, pages, webhooks, CLI): a case whose first screening is in the low band
-- with no finding at all is closed as no_findings (an audit event by system:triage; a reviewer may reopen it); a
-- later screening of a no_findings case that finds something opens it again. Runs after the statement that wrote
-- the screening, so the case row and its case.created event exist.
CREATE FUNCTION "screenings_auto_triage"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  current_status TEXT;
  screening_count INTEGER;
BEGIN
  SELECT status::text INTO current_status FROM cases WHERE id = NEW.case_id FOR UPDATE;
  IF NEW.band::text = 'low' AND jsonb_array_length(NEW.findings) = 0 THEN
    SELECT count(*) INTO screening_count FROM screenings WHERE case_id = NEW.case_id;
    IF current_status = 'open' AND screening_count = 1 THEN
      UPDATE cases SET status = 'no_findings', updated_at = now() WHERE id = NEW.case_id;
      INSERT INTO case_events (case_id, actor, action, data) VALUES (NEW.case_id, 'system:triage', 'case.auto_closed',
        jsonb_build_object('before', 'open', 'after', 'no_findings', 'screeningId', NEW.id::text,
          'reason', 'Low band and no finding: closed automatically. Choose another status to reopen it.'));
    END IF;
  ELSIF current_status = 'no_findings' AND jsonb_array_length(NEW.findings) > 0 THEN
    UPDATE cases SET status = 'open', updated_at = now() WHERE id = NEW.case_id;
    INSERT INTO case_events (case_id, actor, action, data) VALUES (NEW.case_id, 'system:triage', 'case.auto_reopened',
      jsonb_build_object('before', 'no_findings', 'after', 'open', 'screeningId', NEW.id::text,
        'reason', 'A new screening found something: opened for review.'));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "screenings_auto_triage" AFTER INSERT ON "screenings" FOR EACH ROW EXECUTE FUNCTION "screenings_auto_triage"();
