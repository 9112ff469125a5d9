-- The wall's counters per site and Asia/Shanghai year of receipt, kept by triggers in the same
-- transaction as every change to a wish, so a commit reads one row instead of recounting the
-- site's year (11.6 ms at 20,000 wishes). Triggers rather than service code: every writer (the
-- services, seeding, a future repair script) keeps them right without knowing about them.
-- The status lists are shared/domain/figures.ts's (counted: not rejected or merged; claimed:
-- CLAIMED_STATUSES; fulfilled: RESOLVED_STATUSES). This file cannot change once applied, so
-- tests/integration/site-counters.spec.ts compares the rows with a full recount through those
-- definitions: a change there that is not mirrored in a new migration fails it.
CREATE TABLE site_counters (
  site_id INTEGER NOT NULL REFERENCES sites (id),
  year INTEGER NOT NULL,
  wishes INTEGER NOT NULL DEFAULT 0,
  claimed INTEGER NOT NULL DEFAULT 0,
  fulfilled INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, year)
) WITHOUT ROWID;

INSERT INTO site_counters (site_id, year, wishes, claimed, fulfilled)
SELECT
  site_id,
  CAST(strftime('%Y', (received_at + 28800000) / 1000, 'unixepoch') AS INTEGER),
  count(*),
  sum(status IN ('claimed', 'dispatched', 'contacted', 'in_progress', 'resolved', 'closed')),
  sum(status IN ('resolved', 'closed'))
FROM wishes
WHERE kind = 'wish' AND status NOT IN ('rejected', 'merged')
GROUP BY 1, 2;

CREATE TRIGGER site_counters_insert AFTER INSERT ON wishes
WHEN NEW.kind = 'wish' AND NEW.status NOT IN ('rejected', 'merged')
BEGIN
  INSERT INTO site_counters (site_id, year, wishes, claimed, fulfilled)
  VALUES (
    NEW.site_id,
    CAST(strftime('%Y', (NEW.received_at + 28800000) / 1000, 'unixepoch') AS INTEGER),
    1,
    NEW.status IN ('claimed', 'dispatched', 'contacted', 'in_progress', 'resolved', 'closed'),
    NEW.status IN ('resolved', 'closed')
  )
  ON CONFLICT (site_id, year) DO UPDATE SET
    wishes = wishes + excluded.wishes,
    claimed = claimed + excluded.claimed,
    fulfilled = fulfilled + excluded.fulfilled;
END;

-- An update takes the old row's share out and puts the new row's in (two triggers, both no-ops
-- for rows that are not counted); seq-only updates do not fire.
CREATE TRIGGER site_counters_update_out AFTER UPDATE OF site_id, kind, status, received_at ON wishes
WHEN OLD.kind = 'wish' AND OLD.status NOT IN ('rejected', 'merged')
BEGIN
  UPDATE site_counters SET
    wishes = wishes - 1,
    claimed = claimed - (OLD.status IN ('claimed', 'dispatched', 'contacted', 'in_progress', 'resolved', 'closed')),
    fulfilled = fulfilled - (OLD.status IN ('resolved', 'closed'))
  WHERE site_id = OLD.site_id
    AND year = CAST(strftime('%Y', (OLD.received_at + 28800000) / 1000, 'unixepoch') AS INTEGER);
END;

CREATE TRIGGER site_counters_update_in AFTER UPDATE OF site_id, kind, status, received_at ON wishes
WHEN NEW.kind = 'wish' AND NEW.status NOT IN ('rejected', 'merged')
BEGIN
  INSERT INTO site_counters (site_id, year, wishes, claimed, fulfilled)
  VALUES (
    NEW.site_id,
    CAST(strftime('%Y', (NEW.received_at + 28800000) / 1000, 'unixepoch') AS INTEGER),
    1,
    NEW.status IN ('claimed', 'dispatched', 'contacted', 'in_progress', 'resolved', 'closed'),
    NEW.status IN ('resolved', 'closed')
  )
  ON CONFLICT (site_id, year) DO UPDATE SET
    wishes = wishes + excluded.wishes,
    claimed = claimed + excluded.claimed,
    fulfilled = fulfilled + excluded.fulfilled;
END;

CREATE TRIGGER site_counters_delete AFTER DELETE ON wishes
WHEN OLD.kind = 'wish' AND OLD.status NOT IN ('rejected', 'merged')
BEGIN
  UPDATE site_counters SET
    wishes = wishes - 1,
    claimed = claimed - (OLD.status IN ('claimed', 'dispatched', 'contacted', 'in_progress', 'resolved', 'closed')),
    fulfilled = fulfilled - (OLD.status IN ('resolved', 'closed'))
  WHERE site_id = OLD.site_id
    AND year = CAST(strftime('%Y', (OLD.received_at + 28800000) / 1000, 'unixepoch') AS INTEGER);
END;
