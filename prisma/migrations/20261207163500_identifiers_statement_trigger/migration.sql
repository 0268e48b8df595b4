-- The link-rescoring trigger on identifiers, once per statement instead of once per row. A rich screening stores about
-- 25 identifiers and a write carries up to 50 screenings: the row trigger ran 1,250 times per statement (its
-- PL/pgSQL call, advisory lock and lookup each), about 40% of the identifiers' insert time. The statement trigger
-- reads the inserted rows as one transition table and does the same work set-wise.
--
-- What it keeps: a value held by another case is recorded in shared_identifiers and queues one links_rescore job per
-- value (one second later, every newcomer of that second joining it). The advisory lock per value still serialises
-- the check across concurrent transactions until commit, so that of two newcomers sharing a value the later one sees
-- the earlier; the locks are now taken in a fixed order (by key), so two statements can no longer deadlock on them.
-- It fires at the end of the inserting statement rather than at commit: the screening write is one statement, and a
-- lock taken then is held until commit either way.
DROP TRIGGER identifiers_queue_link_rescoring ON identifiers;
DROP FUNCTION identifiers_queue_link_rescoring();

CREATE FUNCTION identifiers_queue_link_rescoring() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lock_key int;
  queued int;
BEGIN
  FOR lock_key IN
    SELECT DISTINCT hashtext(n.kind::text || ':' || encode(n.hash, 'hex')) FROM inserted_identifiers n ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(611084417, lock_key);
  END LOOP;
  WITH shared AS (
    SELECT DISTINCT ON (n.kind, n.hash) n.kind, n.hash, n.case_id
    FROM inserted_identifiers n
    -- A subquery per row with LIMIT 1 (not EXISTS, which the planner may turn into a join that scans the whole table:
    -- it has no row count for a transition table): one probe of the (kind, hash, case_id) index each.
    WHERE (SELECT true FROM identifiers i WHERE i.kind = n.kind AND i.hash = n.hash AND i.case_id <> n.case_id LIMIT 1)
    ORDER BY n.kind, n.hash, n.case_id
  ), recorded AS (
    INSERT INTO shared_identifiers (kind, hash) SELECT kind, hash FROM shared ON CONFLICT DO NOTHING
  )
  SELECT count(graphile_worker.add_job('links_rescore',
           json_build_object('kind', s.kind, 'hash', encode(s.hash, 'hex'), 'caseId', s.case_id),
           run_at => now() + interval '1 second', job_key => 'links:' || s.kind::text || ':' || encode(s.hash, 'hex'),
           job_key_mode => 'preserve_run_at', max_attempts => 10))
  INTO queued FROM shared s;
  RETURN NULL;
END $$;

CREATE TRIGGER identifiers_queue_link_rescoring AFTER INSERT ON identifiers
  REFERENCING NEW TABLE AS inserted_identifiers
  FOR EACH STATEMENT EXECUTE FUNCTION identifiers_queue_link_rescoring();
