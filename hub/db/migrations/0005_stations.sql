-- Warm stations (暖心驿站) and service days (issue 6).

-- What a site offers passers-by: a heated lunch, water, charging, … with hours and a live state.
-- hours is the text form of shared/domain/hours.ts ("每天 06:00-22:00"), checked before it is
-- stored; "open now" is computed from it. seq is the station event that last changed the row.
CREATE TABLE station_services (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id),
  icon TEXT NOT NULL,
  name TEXT NOT NULL,
  hours TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'available' CHECK (state IN ('available', 'busy', 'paused')),
  note TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  seq INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX station_services_site ON station_services (site_id, active, position);

-- Per-site station settings: the staff PIN (scrypt hash) that unlocks the kiosk's own panel.
-- Wrong PINs count up; after too many the panel stays locked until locked_until.
CREATE TABLE station_settings (
  site_id INTEGER PRIMARY KEY REFERENCES sites (id),
  staff_pin_hash TEXT,
  pin_failures INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  updated_at INTEGER NOT NULL
);

-- Activities: the monthly service day, classes, a one-off clinic. schedule is the JSON form of
-- shared/domain/recurrence.ts; capacity is places per occurrence (NULL: no sign-up, just come).
CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  services TEXT NOT NULL DEFAULT '[]',
  schedule TEXT NOT NULL,
  capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX activities_site ON activities (site_id, active);

-- Sign-ups for one occurrence (the activity's local date). The slip code is printed on the
-- sign-up slip and is what staff scan to mark attendance. One live sign-up per phone and date,
-- so a resend after a lost answer finds the first one instead of taking a second place.
-- Walk-ins the desk records have no phone and are born attended.
CREATE TABLE activity_signups (
  id INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL REFERENCES activities (id),
  occurrence TEXT NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk')),
  kiosk_id INTEGER REFERENCES kiosks (id),
  slip_code TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  attended_at INTEGER,
  cancelled_at INTEGER
);
CREATE INDEX activity_signups_occurrence ON activity_signups (activity_id, occurrence);
CREATE UNIQUE INDEX activity_signups_one_per_phone
  ON activity_signups (activity_id, occurrence, phone)
  WHERE phone <> '' AND cancelled_at IS NULL;

-- "我来过 · 签到": one anonymous row per tap, so the township can count people served per
-- station per day. day is the Asia/Shanghai date of the tap.
CREATE TABLE station_visits (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id),
  kiosk_id INTEGER REFERENCES kiosks (id),
  day TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX station_visits_site_day ON station_visits (site_id, day);
CREATE INDEX station_visits_kiosk ON station_visits (kiosk_id, at);

-- The append-only log of station and activity changes: the counterpart of `events`, whose rows
-- must name a wish. subject is "service:<id>", "activity:<id>" or "signup:<id>".
CREATE TABLE station_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id INTEGER NOT NULL REFERENCES sites (id),
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  actor TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  at INTEGER NOT NULL
);
CREATE INDEX station_events_site ON station_events (site_id, seq);

CREATE TRIGGER station_events_append_only_update BEFORE UPDATE ON station_events
BEGIN
  SELECT RAISE(ABORT, 'station events are append-only');
END;
CREATE TRIGGER station_events_append_only_delete BEFORE DELETE ON station_events
BEGIN
  SELECT RAISE(ABORT, 'station events are append-only');
END;
