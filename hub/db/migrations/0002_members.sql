-- Members sign in with a member number and a PIN. Wrong PINs count up on the member row; after
-- too many the row is locked until locked_until (ms since epoch).
ALTER TABLE members ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN locked_until INTEGER;

-- One row per signed-in phone. The cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE member_sessions (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX member_sessions_member ON member_sessions (member_id);

-- Photos a member took of finished work. The file lives under <data>/photos/<file>; the id is
-- random so a photo address cannot be guessed. attached_seq is the event that showed it (resolve).
CREATE TABLE photos (
  id TEXT PRIMARY KEY,
  wish_id TEXT NOT NULL REFERENCES wishes (id),
  member_id INTEGER NOT NULL REFERENCES members (id),
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes INTEGER NOT NULL,
  file TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  attached_seq INTEGER
);
CREATE INDEX photos_wish ON photos (wish_id);

-- Every rating a resident gave, replaced ones included; wishes.rating holds the current one.
CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  wish_id TEXT NOT NULL REFERENCES wishes (id),
  stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL CHECK (channel IN ('phone', 'kiosk')),
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX ratings_wish ON ratings (wish_id, at);

-- Items the desk should look at (e.g. a claim released for lack of progress) until staff clear them.
CREATE TABLE desk_flags (
  id INTEGER PRIMARY KEY,
  wish_id TEXT NOT NULL REFERENCES wishes (id),
  reason TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  cleared_at INTEGER
);
CREATE INDEX desk_flags_open ON desk_flags (cleared_at, at);
