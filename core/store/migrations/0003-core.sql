-- Helder core schema, version 3: delivery. The outbox (one row per message
-- for one person on one channel), the settings the delivery needs (SMTP
-- relay, rate limits, the server's address for links), and an English
-- translation of a moment's title and body.

-- One message for one person on one channel, unique by (source, person,
-- channel): inserting it twice is a no-op, so the scheduler can run again
-- after a crash. The subject and body are composed once, in the person's
-- language, when the row is made; a retry sends the very same message.
--
-- pending  → sending (claimed by a worker until lease_until) → sent
--                                                            → offered → sent
--                                                            → failed → (retry)
--                                                            → dead
-- "offered" is for channels that people fetch (the desktop notifier): the
-- row is sent once they acknowledge it. A row "sending" whose lease ran out
-- belongs to a worker that died; the next worker takes it over.
CREATE TABLE delivery (
  id               INTEGER PRIMARY KEY,
  source           TEXT NOT NULL,
  person           INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  channel          TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'sending', 'offered', 'sent', 'failed', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  lease_until      TEXT,
  last_error       TEXT,
  sent_at          TEXT,
  acknowledged_at  TEXT,
  fingerprint      TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (source, person, channel)
);
-- What the message says, written once. Apart from the row above, whose
-- status changes a few times, so that those changes stay small.
CREATE TABLE delivery_message (
  delivery         INTEGER PRIMARY KEY REFERENCES delivery (id) ON DELETE CASCADE,
  subject          TEXT NOT NULL,
  body             TEXT NOT NULL,
  locale           TEXT NOT NULL DEFAULT 'nl',
  link             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX delivery_due ON delivery (status, next_attempt_at);
CREATE INDEX delivery_lease ON delivery (status, lease_until) WHERE status = 'sending';
CREATE INDEX delivery_person ON delivery (person, channel, status);
CREATE INDEX delivery_sent ON delivery (sent_at) WHERE sent_at IS NOT NULL;
-- digests: the last one a person got, to send nothing when nothing changed
CREATE INDEX delivery_fingerprint ON delivery (person, source) WHERE fingerprint IS NOT NULL;

-- The weeks whose digests were composed for everyone: a later round of
-- `helder serve` in the same week has nothing to compose again (a digest
-- that was unchanged then is not sent later that week).
CREATE TABLE digest_week (
  week          TEXT PRIMARY KEY,
  done_at       TEXT NOT NULL
) WITHOUT ROWID;

-- `helder config set KEY VALUE`: only keys that core or a loaded plugin
-- registered are accepted; absent keys take their registered default.
CREATE TABLE setting (
  key           TEXT PRIMARY KEY,
  value         TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) WITHOUT ROWID;

-- A moment is written in the programme's language (Dutch); people whose
-- locale is English get these when they are filled in.
ALTER TABLE moment ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE moment ADD COLUMN body_en TEXT NOT NULL DEFAULT '';

-- Who a moment reaches, looked up from the person's side (the personal page
-- and every weekly digest): without these each lookup scanned the tables.
CREATE INDEX moment_group_grp ON moment_group (grp, moment);
CREATE INDEX moment_role_role ON moment_role (role, moment);
CREATE INDEX moment_person_person ON moment_person (person, moment);
CREATE INDEX moment_status_status ON moment_status (status, moment);
CREATE INDEX gate_group_grp ON gate_group (grp, gate);
