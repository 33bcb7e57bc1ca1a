-- 0011: who the access flags concern (SQLite). Keep in step with
-- ../postgres/0011_flag_readers.sql.
--
-- A public_access flag names how everyone can read its place (mode 0644,
-- GRANT SELECT TO PUBLIC, bucket policy); an access_undeclared flag the
-- principals the item's access list does not name. A JSON list, NULL for
-- the other rules. Who can read each place is in the scan's inventory
-- (place_access): the holdings' rows are shared with the scans that carry
-- them over, and access is each scan's own.
ALTER TABLE flags ADD COLUMN readers TEXT;
