-- A kiosk's hello reads its highest ticket; without this index every connect scans all wishes.
CREATE INDEX wishes_kiosk ON wishes (kiosk_id);
