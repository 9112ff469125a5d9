-- A wish's seq is the seq of its latest event. The database keeps it so as each event is
-- appended, in the same statement: writers need no UPDATE round trip of their own, and no writer
-- can forget it.
CREATE TRIGGER events_set_wish_seq AFTER INSERT ON events
BEGIN
  UPDATE wishes SET seq = NEW.seq WHERE id = NEW.wish_id;
END;
