-- 结对帮扶 (issue 20): key households, each paired with a party member who visits regularly.
-- Household details are for staff and the paired member only; nothing here reaches a wall.
CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id),
  head_name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  people INTEGER NOT NULL DEFAULT 1 CHECK (people BETWEEN 1 AND 30),
  -- JSON array of tags (shared/domain/pairing.ts HOUSEHOLD_TAGS).
  tags TEXT NOT NULL DEFAULT '[]',
  notes TEXT NOT NULL DEFAULT '',
  -- The door card's QR carries only this random code.
  door_code TEXT NOT NULL UNIQUE,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX households_site ON households (site_id, active);

CREATE TABLE household_incomes (
  household_id INTEGER NOT NULL REFERENCES households (id),
  year INTEGER NOT NULL,
  yuan INTEGER NOT NULL CHECK (yuan >= 0),
  PRIMARY KEY (household_id, year)
) WITHOUT ROWID;

-- A household has one live pairing at a time; ended ones stay as its history.
CREATE TABLE pairings (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households (id),
  member_id INTEGER NOT NULL REFERENCES members (id),
  started_at INTEGER NOT NULL,
  aim TEXT NOT NULL DEFAULT '',
  -- NULL: at least once every calendar month.
  cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days BETWEEN 1 AND 366),
  ended_at INTEGER,
  end_reason TEXT
);
CREATE UNIQUE INDEX pairings_live ON pairings (household_id) WHERE ended_at IS NULL;
CREATE INDEX pairings_member ON pairings (member_id, ended_at);

CREATE TABLE household_visits (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households (id),
  pairing_id INTEGER REFERENCES pairings (id),
  member_id INTEGER NOT NULL REFERENCES members (id),
  at INTEGER NOT NULL,
  -- JSON array of what was done (VISIT_KINDS).
  kinds TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  -- 1: logged by scanning the household's door card; 0: picked from the member's list.
  by_card INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX household_visits_household ON household_visits (household_id, at);
CREATE INDEX household_visits_at ON household_visits (at);

-- Photos of a visit: taken for a household by its paired member, attached to the visit once logged.
CREATE TABLE visit_photos (
  id TEXT PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households (id),
  member_id INTEGER NOT NULL REFERENCES members (id),
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes INTEGER NOT NULL,
  file TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  visit_id INTEGER REFERENCES household_visits (id)
);
CREATE INDEX visit_photos_visit ON visit_photos (visit_id);

-- A need found on a visit runs the normal loop as a wish of the household, raised by that visit.
ALTER TABLE wishes ADD COLUMN household_id INTEGER REFERENCES households (id);
CREATE INDEX wishes_household ON wishes (household_id) WHERE household_id IS NOT NULL;
CREATE TABLE visit_wishes (
  visit_id INTEGER NOT NULL REFERENCES household_visits (id),
  wish_id TEXT NOT NULL REFERENCES wishes (id),
  PRIMARY KEY (visit_id, wish_id)
) WITHOUT ROWID;
