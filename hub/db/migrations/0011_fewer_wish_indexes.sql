-- Every index on wishes is one more B-tree page written with each wish: a wish committed alone
-- wrote 16.4 WAL frames, and in batches of 25 the random-key indexes cost about a page per row.
-- wishes_site_status (site_id, status, updated_at) serves no query: the wall and the waiting list
-- read wishes_site_received, auto-release's stale claims and the station figures read
-- wishes_status_received (EXPLAIN QUERY PLAN in tests/integration/query-plans.spec.ts).
-- wishes_kiosk served only the hello's "last ticket", which now reads the kiosk's ticket prefix as
-- a range of the ticket_no key: tickets are "<prefix>-<counter>" and a prefix holds no dash, so
-- the range holds exactly that kiosk's. Kiosks are revoked, never deleted, so no foreign-key
-- check looks wishes up by kiosk either.
DROP INDEX wishes_site_status;
DROP INDEX wishes_kiosk;
