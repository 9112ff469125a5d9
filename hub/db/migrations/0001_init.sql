-- Sites: township service centers and warm stations.
CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('center', 'station')),
  village TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

-- Kiosks: enrolled touchscreens. The device token is stored only as a hash.
CREATE TABLE kiosks (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id),
  name TEXT NOT NULL,
  ticket_prefix TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,
  paper_mm INTEGER NOT NULL DEFAULT 58 CHECK (paper_mm IN (58, 80)),
  revoked_at INTEGER,
  last_seen_at INTEGER,
  app_version TEXT,
  created_at INTEGER NOT NULL
);

-- Posts: where the command center dispatches problem reports (城市管理岗, 网格员, …).
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  site_id INTEGER REFERENCES sites (id)
);

-- Party members and volunteers.
CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  member_no TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  site_id INTEGER REFERENCES sites (id),
  skills TEXT NOT NULL DEFAULT '',
  pin_hash TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

-- Wishes and problem reports. The id, codes and ticket are made by the kiosk; UNIQUE makes a
-- replayed submission harmless.
CREATE TABLE wishes (
  id TEXT PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id),
  kiosk_id INTEGER REFERENCES kiosks (id),
  channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'phone', 'desk')),
  kind TEXT NOT NULL CHECK (kind IN ('wish', 'report')),
  category TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  voice_ms INTEGER,
  voice_mime TEXT,
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  ticket_no TEXT NOT NULL UNIQUE,
  claim_code TEXT NOT NULL UNIQUE,
  track_code TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  urgent INTEGER NOT NULL DEFAULT 0,
  member_id INTEGER REFERENCES members (id),
  post_id INTEGER REFERENCES posts (id),
  created_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  responded_at INTEGER,
  resolved_at INTEGER,
  rating INTEGER,
  rating_comment TEXT,
  rated_at INTEGER,
  merged_into TEXT REFERENCES wishes (id),
  reject_reason TEXT,
  updated_at INTEGER NOT NULL,
  seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX wishes_site_status ON wishes (site_id, status, updated_at);
CREATE INDEX wishes_site_received ON wishes (site_id, received_at);

-- The append-only event log. seq is the hub-wide order clients catch up by; wish_json is the
-- public projection after the change, so a replay shows exactly what the live broadcast showed.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  wish_id TEXT NOT NULL REFERENCES wishes (id),
  site_id INTEGER NOT NULL REFERENCES sites (id),
  actor TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  wish_json TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX events_site_seq ON events (site_id, seq);
CREATE INDEX events_wish ON events (wish_id, seq);

CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only');
END;
