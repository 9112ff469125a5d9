-- The wall counters and a wish's seq are kept by the hub's write path (hub/services/wishes/),
-- in the same transaction as each change, instead of by triggers: a rule lives in one place, in
-- TypeScript, and any engine behind the store keeps it the same way. Triggers now only guard
-- invariants (the append-only logs).
DROP TRIGGER site_counters_insert;
DROP TRIGGER site_counters_update_out;
DROP TRIGGER site_counters_update_in;
DROP TRIGGER site_counters_delete;
DROP TRIGGER events_set_wish_seq;
