-- The field chain (赶快办): posts are people. A phone account (a members row) is a party member,
-- a field worker of one or more posts, or both; one sign-in serves every role it holds.
ALTER TABLE members ADD COLUMN party INTEGER NOT NULL DEFAULT 1;

CREATE TABLE worker_posts (
  member_id INTEGER NOT NULL REFERENCES members (id),
  post_id INTEGER NOT NULL REFERENCES posts (id),
  PRIMARY KEY (member_id, post_id)
) WITHOUT ROWID;
CREATE INDEX worker_posts_post ON worker_posts (post_id, member_id);

-- The hop an item is on now: sent to post_id for an on-site check ('check') or for the work
-- ('work'), when, and which of the post's workers accepted it. The hops before it live in the
-- event log (wish:dispatched … wish:accepted … wish:reported / wish:handed_back / wish:resolved).
ALTER TABLE wishes ADD COLUMN hop_step TEXT CHECK (hop_step IN ('check', 'work'));
ALTER TABLE wishes ADD COLUMN hop_sent_at INTEGER;
ALTER TABLE wishes ADD COLUMN hop_worker_id INTEGER REFERENCES members (id);
ALTER TABLE wishes ADD COLUMN hop_accepted_at INTEGER;
-- When the desk was alerted that nobody of the post accepted the hop (once per hop).
ALTER TABLE wishes ADD COLUMN hop_alerted_at INTEGER;
-- The first time any worker stood on site: the on-site clock stops here.
ALTER TABLE wishes ADD COLUMN arrived_at INTEGER;
CREATE INDEX wishes_hop_waiting ON wishes (hop_sent_at) WHERE hop_worker_id IS NULL AND hop_sent_at IS NOT NULL;
CREATE INDEX wishes_hop_post ON wishes (post_id) WHERE post_id IS NOT NULL;

-- On-site hours per category (urgent items: 2 h, fixed by the township's promise).
ALTER TABLE category_settings ADD COLUMN onsite_hours REAL NOT NULL DEFAULT 24 CHECK (onsite_hours > 0);
