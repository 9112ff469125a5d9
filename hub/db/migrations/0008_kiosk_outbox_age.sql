-- When the oldest wish still waiting in a kiosk's outbox was made (from its heartbeat): an outbox
-- that holds the same old wish for minutes is not draining, and the desk must hear of it.
ALTER TABLE kiosks ADD COLUMN outbox_oldest_at INTEGER;
