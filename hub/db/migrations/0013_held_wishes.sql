-- A wish the hub refuses for good is kept whole for staff, in the desk alert that reports it
-- (kind 'wish_held'): the submission as the kiosk sent it, JSON. One alert per wish id, so a kiosk
-- sending a refused wish again does not make a second one.
ALTER TABLE alerts ADD COLUMN payload TEXT;
CREATE UNIQUE INDEX alerts_held_wish ON alerts (wish_id) WHERE kind = 'wish_held';
