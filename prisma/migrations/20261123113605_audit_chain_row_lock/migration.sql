-- The chain trigger serialises the writers of one case by locking the case's row (FOR NO KEY UPDATE) instead of a
-- transaction advisory lock: advisory locks live in the shared lock table, so a transaction that wrote events for
-- many cases (a bulk import, a COPY, a re-screening of every open case) ran out of it ("out of shared memory" at
-- 100,000 cases); a row lock is kept in the row itself, without limit. It is held to commit like the advisory lock
-- was, and writers of events normally hold it already (they update the case in the same transaction). It does not
-- conflict with the KEY SHARE locks of foreign-key checks. As before, the lock comes before the read of the case's
-- last event, which under READ COMMITTED takes a fresh snapshot and so sees an event committed while we waited.
CREATE OR REPLACE FUNCTION "case_events_chain"() RETURNS trigger
LANGUAGE plpgsql
-- The head lookup always uses the (case_id, seq) index (see migration audit_chain_head_lookup).
SET enable_seqscan = off
AS $$
DECLARE
  head RECORD;
BEGIN
  PERFORM 1 FROM "cases" WHERE id = NEW.case_id FOR NO KEY UPDATE;
  SELECT seq, hash INTO head FROM "case_events" WHERE case_id = NEW.case_id ORDER BY seq DESC LIMIT 1;
  IF FOUND THEN
    NEW.seq := head.seq + 1;
    NEW.prev_hash := head.hash;
  ELSE
    NEW.seq := 1;
    NEW.prev_hash := NULL;
  END IF;
  NEW.hash := "case_event_hash"(NEW.prev_hash, NEW.id, NEW.case_id, NEW.seq, NEW.actor, NEW.action, NEW.created_at, NEW.data);
  RETURN NEW;
END;
$$;
