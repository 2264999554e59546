-- Helder core schema, version 5: core names no plugin's channel (issue 10).
--
-- The channels a moment may go by are those of the loaded plugins (and
-- "meeting", core's own); the model checks that when a moment is written,
-- so moment_channel loses the CHECK that named the two plugins of version
-- 1. SQLite cannot drop a CHECK: the table is rebuilt, with its rows. This
-- runs inside the migration's transaction, foreign keys on; nothing refers
-- to moment_channel, so dropping the old table deletes nothing else.
CREATE TABLE moment_channel_new (
  moment        INTEGER NOT NULL REFERENCES moment (id) ON DELETE CASCADE,
  channel       TEXT NOT NULL,
  PRIMARY KEY (moment, channel)
) WITHOUT ROWID;
INSERT INTO moment_channel_new (moment, channel) SELECT moment, channel FROM moment_channel;
DROP TABLE moment_channel;
ALTER TABLE moment_channel_new RENAME TO moment_channel;

-- The channels Helder has loaded, with what they are for (the
-- HelderChannelFlags: 1 default, 2 digest). A person who chose no channel
-- takes the default ones; remembered here, they still do while the plugin
-- is disabled, and their messages wait in the outbox instead of going
-- nowhere. Written when a store is opened with plugins loaded.
CREATE TABLE delivery_channel (
  name          TEXT PRIMARY KEY,
  flags         INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
