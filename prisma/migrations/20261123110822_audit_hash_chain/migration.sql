-- Tamper evidence for the audit trail: every case_events row carries its position in its case's chain (seq, from 1),
-- the hash of the event before it (prev_hash, NULL for the first) and its own hash:
--   hash = sha256(prev_hash (or nothing) || utf8(payload))
--   payload = for each field of [format, id, case_id, seq, actor, action, created_at, data]: "<utf-8 byte length>:<field>\n"
--   created_at as YYYY-MM-DDTHH:MM:SS.mmmZ (UTC), data as jsonb's own text output (canonical: keys sorted, one spacing).
-- src/audit/chain.ts computes the same in TypeScript; `npm run cli -- audit verify` recomputes every chain.

-- AlterTable
ALTER TABLE "case_events" ADD COLUMN     "hash" BYTEA NOT NULL DEFAULT '\x'::bytea,
ADD COLUMN     "prev_hash" BYTEA,
ADD COLUMN     "seq" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION "case_event_hash"(prev_hash BYTEA, id BIGINT, case_id UUID, seq INTEGER, actor TEXT, action TEXT, created_at TIMESTAMPTZ, data JSONB)
RETURNS BYTEA LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  field TEXT;
  payload TEXT := '';
BEGIN
  FOREACH field IN ARRAY ARRAY['hfrc.case_event.v1', id::text, case_id::text, seq::text, actor, action,
                               to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), data::text] LOOP
    payload := payload || octet_length(convert_to(field, 'UTF8'))::text || ':' || field || E'\n';
  END LOOP;
  RETURN sha256(coalesce(prev_hash, '\x'::bytea) || convert_to(payload, 'UTF8'));
END;
$$;

-- Backfill the events written before the chain existed, per case in id order (their order of insertion), despite the
-- append-only trigger: disabled here only, inside this migration's transaction, so no other session ever sees it off.
ALTER TABLE "case_events" DISABLE TRIGGER "case_events_no_update_delete";
DO $$
DECLARE
  ev RECORD;
  current_case UUID;
  previous BYTEA;
  seq_no INTEGER;
BEGIN
  FOR ev IN SELECT id, case_id, actor, action, created_at, data FROM "case_events" ORDER BY case_id, id LOOP
    IF current_case IS DISTINCT FROM ev.case_id THEN
      current_case := ev.case_id;
      previous := NULL;
      seq_no := 0;
    END IF;
    seq_no := seq_no + 1;
    UPDATE "case_events"
       SET seq = seq_no, prev_hash = previous,
           hash = "case_event_hash"(previous, ev.id, ev.case_id, seq_no, ev.actor, ev.action, ev.created_at, ev.data)
     WHERE id = ev.id
    RETURNING hash INTO previous;
  END LOOP;
END;
$$;
ALTER TABLE "case_events" ENABLE TRIGGER "case_events_no_update_delete";

-- CreateIndex (after the backfill: before it every row had seq 0). Also the backstop against a forked chain: a writer
-- that somehow read a stale head (e.g. under REPEATABLE READ) fails with a unique violation instead of forking.
CREATE UNIQUE INDEX "case_events_case_id_seq_key" ON "case_events"("case_id", "seq");

-- Every writer is covered (Prisma, raw SQL, COPY): the trigger sets seq, prev_hash and hash, overriding any value sent.
-- The per-case lock is taken BEFORE the head is read: under READ COMMITTED each query in this (volatile) function
-- takes a fresh snapshot, so after waiting for the lock it sees the event a concurrent transaction for the same case
-- has just committed, and both events chain. The lock is the two-key form (class 1667330917 = 'case' in ASCII, key =
-- hashtext(case id)); a hash collision between two cases only makes them wait for each other. Held to commit.
CREATE FUNCTION "case_events_chain"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head RECORD;
BEGIN
  PERFORM pg_advisory_xact_lock(1667330917, hashtext(NEW.case_id::text));
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

CREATE TRIGGER "case_events_chain"
  BEFORE INSERT ON "case_events"
  FOR EACH ROW EXECUTE FUNCTION "case_events_chain"();
