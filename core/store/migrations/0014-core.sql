-- Helder core schema, version 14: a moment's messages found by their source.
--
-- Reach (who got a moment, per channel) and a person's page ("sent before
-- you joined") ask the outbox for the rows of one moment by their source
-- ("moment:15", "meeting:16:invite…"). Without an index each question read
-- every row of the outbox: with a year of messages to 10,000 people (the
-- demo's history alone is 100,000 rows) a personal page took 6.5 ms
-- instead of under one.
CREATE INDEX delivery_source ON delivery (source, created_at);
