-- Issue 17: the lead's ZIP code (five digits) from call files and events (column lead_zip / zip / postal code...).
-- With the called number it gives the lead's state and time zone(s) (LeadLocation): calling-hours rules and the
-- lead's local hour. NULL when no file gave one.
ALTER TABLE lead ADD COLUMN zip text CHECK (zip ~ '^[0-9]{5}$');

-- The staged form of a call gained a last field (lead_zip): call events answered but not yet applied get it empty,
-- so an upgrade never loses an accepted event.
UPDATE call_event SET staged = staged || ',';
