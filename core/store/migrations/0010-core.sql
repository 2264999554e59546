-- Helder core schema, version 10: meetings ahead of time (issue 11, point 2).
--
-- A meeting moment (channel "meeting") has a place and/or an online link,
-- and lasts a number of minutes (DTEND of its invitation).
ALTER TABLE moment ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE moment ADD COLUMN online_url TEXT NOT NULL DEFAULT '';
ALTER TABLE moment ADD COLUMN duration_minutes INTEGER NOT NULL DEFAULT 60;

-- A message may carry an iCalendar object (a meeting's invitation,
-- METHOD:REQUEST or CANCEL); the e-mail channel attaches it, others
-- ignore it.
ALTER TABLE delivery_message ADD COLUMN calendar TEXT NOT NULL DEFAULT '';

-- Who was invited to which meeting, under the UID of its first version
-- (root): the version last sent to them and its SEQUENCE, and whether they
-- were sent a cancellation since. A changed meeting (a superseding
-- version) re-invites with a higher sequence; one cancelled without a
-- successor, or that no longer reaches a person, cancels.
CREATE TABLE meeting_invite (
  root          INTEGER NOT NULL,
  person        INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  moment        INTEGER NOT NULL REFERENCES moment (id) ON DELETE CASCADE,
  sequence      INTEGER NOT NULL,
  cancelled     INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  invited_at    TEXT NOT NULL,
  PRIMARY KEY (root, person)
) WITHOUT ROWID;
CREATE INDEX meeting_invite_moment ON meeting_invite (moment);

-- RSVP: the personal links of an invitation (only a hash of each is
-- kept; a link answers for one person and one meeting until it starts),
-- and the answers, one row per change, the newest being the answer.
CREATE TABLE rsvp_link (
  hash          TEXT PRIMARY KEY,
  root          INTEGER NOT NULL,
  person        INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  expires_at    TEXT NOT NULL,
  created_at    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX rsvp_link_person ON rsvp_link (person);
CREATE TABLE rsvp (
  id            INTEGER PRIMARY KEY,
  root          INTEGER NOT NULL,
  person        INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  answer        TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'maybe')),
  answered_at   TEXT NOT NULL
);
CREATE INDEX rsvp_meeting ON rsvp (root, person, id);

-- Personal conversations: a meeting with one slot per person, each with
-- its own time and whom they meet. meeting_invite.what remembers the
-- times that were sent, so that a changed slot re-invites its person.
CREATE TABLE moment_slot (
  id            INTEGER PRIMARY KEY,
  moment        INTEGER NOT NULL REFERENCES moment (id) ON DELETE CASCADE,
  person        INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  starts_at     TEXT NOT NULL,
  ends_at       TEXT NOT NULL,
  with_whom     TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (moment, person)
);
CREATE INDEX moment_slot_person ON moment_slot (person, moment);
ALTER TABLE meeting_invite ADD COLUMN what TEXT NOT NULL DEFAULT '';
