-- The chain trigger's read of a case's last event must use the unique (case_id, seq) index whatever the statistics
-- say. A plan cached while case_events was nearly empty (every new database) was a sequential scan, kept as the table
-- grew: measured, 20,000 events took 9.4 s instead of 0.5 s, and the screening bench lost about a sixth of its
-- throughput on a fresh database. The setting holds inside this function only.
ALTER FUNCTION "case_events_chain"() SET enable_seqscan = off;
