-- Kiosk heartbeats: what the fleet view needs to spot a kiosk offline or an outbox not draining.
ALTER TABLE kiosks ADD COLUMN heartbeat_at INTEGER;
ALTER TABLE kiosks ADD COLUMN outbox_length INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kiosks ADD COLUMN printer_error TEXT;

-- Alerts for the desk: things a person must look at (a wish a kiosk could not deliver, …).
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  site_id INTEGER REFERENCES sites (id),
  kiosk_id INTEGER REFERENCES kiosks (id),
  wish_id TEXT,
  detail TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  resolved_at INTEGER
);
CREATE INDEX alerts_open ON alerts (resolved_at, created_at);
