-- Helder core schema, version 2: access for the web (tokens, sessions,
-- one-time login links), the audit log, and HR's intended placements of
-- people in the new regie roles.

-- Every secret (API token, login link, session cookie) is stored only as a
-- BLAKE2b-256 hash in hex. A login link and a session hang under the API
-- token they were issued with, so revoking that token ends them too.
CREATE TABLE access_token (
  id            INTEGER PRIMARY KEY,
  person        INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  role          TEXT NOT NULL CHECK (role IN ('advisor', 'hr', 'employee')),
  kind          TEXT NOT NULL CHECK (kind IN ('api', 'login', 'session')),
  hash          TEXT NOT NULL UNIQUE,
  csrf          TEXT,
  parent        INTEGER REFERENCES access_token (id) ON DELETE CASCADE,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  used_at       TEXT,
  revoked_at    TEXT,
  CHECK ((kind = 'session') = (csrf IS NOT NULL))
);
CREATE INDEX access_token_person ON access_token (person);
CREATE INDEX access_token_parent ON access_token (parent);

-- Who read or changed which personal record, when. Actors and subjects are
-- kept by id and by name, so the log outlives an erased person.
CREATE TABLE audit_entry (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  actor         INTEGER,
  actor_name    TEXT NOT NULL,
  actor_role    TEXT NOT NULL,
  action        TEXT NOT NULL,
  entity        TEXT NOT NULL,
  record        TEXT NOT NULL,
  subject       INTEGER,
  detail        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entry_at ON audit_entry (at);
CREATE INDEX audit_entry_subject ON audit_entry (subject, at);

CREATE TABLE placement (
  id            INTEGER PRIMARY KEY,
  role          TEXT NOT NULL REFERENCES role (slug) ON DELETE RESTRICT,
  person        INTEGER NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
  status        TEXT NOT NULL DEFAULT 'intended'
                CHECK (status IN ('intended', 'confirmed', 'withdrawn')),
  note          TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (role, person)
);
CREATE INDEX placement_person ON placement (person);
