-- Helder core schema, version 9: the sign-in links in messages (issue 11).
--
-- Every e-mail, digest and desktop notification to a person carries a link
-- that signs that person in, as an employee, on their own page. A link is
-- minted when its message is handed to a channel (claimed from the outbox,
-- or fetched by the notifier), so the secret exists only in the message:
-- like every other secret it is stored as its BLAKE2b-256 hash in hex. A
-- link may be used a few times within its life (session.message_link_days),
-- so that a second click, or the same e-mail on a phone, does not end in a
-- dead end; revoking a person's access revokes their links, and erasing the
-- person deletes them. Sessions opened with a link are access_token rows of
-- kind 'session' without a parent.
CREATE TABLE message_link (
  id            INTEGER PRIMARY KEY,
  person        INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  delivery      INTEGER REFERENCES delivery (id) ON DELETE SET NULL,
  hash          TEXT NOT NULL UNIQUE,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  uses          INTEGER NOT NULL DEFAULT 0,
  last_used_at  TEXT,
  revoked_at    TEXT
);
CREATE INDEX message_link_person ON message_link (person);
CREATE INDEX message_link_delivery ON message_link (delivery);
