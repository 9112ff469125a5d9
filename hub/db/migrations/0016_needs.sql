-- 需求清单 · 你说我办 (issue 21): needs many residents share, how many share them, and what the
-- township did about them. Changes are logged in station_events with subject "need:<id>".

-- A residents' meeting (座谈会) the desk records: its suggestions become asks with channel 'meeting'.
CREATE TABLE need_meetings (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id),
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  attendees INTEGER NOT NULL CHECK (attendees > 0),
  -- NULL: not typed in by a staff member (the demo township's history).
  staff_id INTEGER REFERENCES staff (id),
  created_at INTEGER NOT NULL
);
CREATE INDEX need_meetings_site ON need_meetings (site_id, held_on);

CREATE TABLE needs (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id),
  theme TEXT NOT NULL
    CHECK (theme IN ('venue', 'service', 'culture', 'care', 'environment', 'other')),
  -- '' while a voice-only suggestion waits for the desk to write it up.
  title TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'collecting'
    CHECK (state IN ('collecting', 'adopted', 'in_progress', 'done', 'declined', 'merged')),
  merged_into INTEGER REFERENCES needs (id),
  plan TEXT,
  owner TEXT,
  target_month TEXT,
  done_note TEXT,
  -- A file under <data>/photos, public once the need is done.
  done_photo TEXT,
  done_photo_mime TEXT,
  decline_reason TEXT,
  service_id INTEGER REFERENCES station_services (id),
  activity_id INTEGER REFERENCES activities (id),
  first_asked_at INTEGER NOT NULL,
  adopted_at INTEGER,
  started_at INTEGER,
  done_at INTEGER,
  declined_at INTEGER,
  -- The station event that last changed the row.
  seq INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (service_id IS NULL OR activity_id IS NULL)
);
CREATE INDEX needs_site_state ON needs (site_id, state);
CREATE INDEX needs_service ON needs (service_id) WHERE service_id IS NOT NULL;
CREATE INDEX needs_activity ON needs (activity_id) WHERE activity_id IS NOT NULL;

-- Each time a need was raised: a resident at a kiosk or on a phone, the desk, or a meeting (where
-- `people` attendees raised it). The id is the sender's own (a kiosk's resend finds its first
-- ask); a voice clip lives in <data>/voice/<id>.* like a wish's, heard with listen_code.
CREATE TABLE need_asks (
  id TEXT PRIMARY KEY,
  need_id INTEGER NOT NULL REFERENCES needs (id),
  site_id INTEGER NOT NULL REFERENCES sites (id),
  channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'phone', 'desk', 'meeting')),
  kiosk_id INTEGER REFERENCES kiosks (id),
  meeting_id INTEGER REFERENCES need_meetings (id),
  text TEXT NOT NULL DEFAULT '',
  people INTEGER NOT NULL DEFAULT 1 CHECK (people > 0),
  voice_ms INTEGER,
  voice_mime TEXT,
  listen_code TEXT NOT NULL,
  -- A phone's suggestion: the hash of its cookie (need_votes.phone_key), so it cannot +1 it too.
  phone_key TEXT,
  received_at INTEGER NOT NULL
);
CREATE INDEX need_asks_need ON need_asks (need_id);
CREATE INDEX need_asks_phone ON need_asks (phone_key) WHERE phone_key IS NOT NULL;

-- "我也需要": one row per counted +1. A phone's key is a hash of its random cookie: one per need.
CREATE TABLE need_votes (
  id INTEGER PRIMARY KEY,
  need_id INTEGER NOT NULL REFERENCES needs (id),
  channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'phone')),
  kiosk_id INTEGER REFERENCES kiosks (id),
  phone_key TEXT,
  -- The Asia/Shanghai date, for the kiosk's daily cap.
  day TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX need_votes_need ON need_votes (need_id);
CREATE INDEX need_votes_kiosk_day ON need_votes (kiosk_id, day) WHERE kiosk_id IS NOT NULL;
CREATE INDEX need_votes_phone ON need_votes (phone_key) WHERE phone_key IS NOT NULL;
CREATE UNIQUE INDEX need_votes_one_per_phone ON need_votes (need_id, phone_key)
  WHERE phone_key IS NOT NULL;
