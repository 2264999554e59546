-- Helder core schema, version 4: the programme's time zone. Every time a
-- person types or reads is in this zone (an IANA name), whatever the TZ of
-- the server; stored timestamps stay UTC.
ALTER TABLE programme ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Amsterdam';
