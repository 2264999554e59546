-- Helder core schema, version 1.
-- Every noun of DESIGN.md §3 is a table. Keys are text slugs or integer ids.
-- Timestamps are UTC ISO 8601 ("2026-11-28T09:00:00Z"), dates are "YYYY-MM-DD".
-- Nothing that other rows refer to can be deleted (ON DELETE RESTRICT).

CREATE TABLE programme (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  name          TEXT NOT NULL,
  organisation  TEXT NOT NULL DEFAULT '',
  starts_on     TEXT NOT NULL,
  ends_on       TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE phase (
  key           TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  position      INTEGER NOT NULL,
  starts_on     TEXT NOT NULL,
  ends_on       TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE stakeholder_group (
  slug          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('internal', 'external')),
  description   TEXT NOT NULL DEFAULT '',
  influence     INTEGER NOT NULL DEFAULT 3 CHECK (influence BETWEEN 1 AND 5),
  interest      INTEGER NOT NULL DEFAULT 3 CHECK (interest BETWEEN 1 AND 5),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE role (
  slug          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  kind          TEXT NOT NULL CHECK (kind IN ('current', 'regie', 'supplier')),
  fate          TEXT NOT NULL CHECK (fate IN ('continues', 'changes', 'lapses', 'new')),
  fte           REAL CHECK (fte IS NULL OR fte >= 0),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE person (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  email         TEXT UNIQUE COLLATE NOCASE,
  locale        TEXT NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'en')),
  organisation  TEXT NOT NULL DEFAULT '',
  role          TEXT REFERENCES role (slug) ON DELETE RESTRICT,
  manager       INTEGER REFERENCES person (id) ON DELETE RESTRICT,
  digest        TEXT NOT NULL DEFAULT 'weekly' CHECK (digest IN ('weekly', 'off')),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX person_role ON person (role);
CREATE INDEX person_manager ON person (manager);

CREATE TABLE person_group (
  person        INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  grp           TEXT NOT NULL REFERENCES stakeholder_group (slug) ON DELETE RESTRICT,
  PRIMARY KEY (person, grp)
) WITHOUT ROWID;
CREATE INDEX person_group_grp ON person_group (grp, person);

CREATE TABLE person_channel (
  person        INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  channel       TEXT NOT NULL,
  PRIMARY KEY (person, channel)
) WITHOUT ROWID;

CREATE TABLE role_change (
  id                 INTEGER PRIMARY KEY,
  person             INTEGER NOT NULL UNIQUE REFERENCES person (id) ON DELETE RESTRICT,
  from_role          TEXT REFERENCES role (slug) ON DELETE RESTRICT,
  to_role            TEXT REFERENCES role (slug) ON DELETE RESTRICT,
  decision_expected  TEXT,
  effective_on       TEXT,
  status             TEXT NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'decided', 'discussed', 'accepted', 'objection')),
  changes            TEXT NOT NULL DEFAULT '',
  contact            INTEGER REFERENCES person (id) ON DELETE RESTRICT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  CHECK (to_role IS NOT NULL OR decision_expected IS NOT NULL)
);
CREATE INDEX role_change_status ON role_change (status, person);
CREATE INDEX role_change_to_role ON role_change (to_role);

CREATE TABLE commitment (
  id            INTEGER PRIMARY KEY,
  text          TEXT NOT NULL,
  made_by       TEXT NOT NULL,
  made_on       TEXT NOT NULL,
  due_on        TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'kept', 'broken', 'withdrawn')),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX commitment_due ON commitment (status, due_on);

CREATE TABLE commitment_group (
  commitment    INTEGER NOT NULL REFERENCES commitment (id) ON DELETE RESTRICT,
  grp           TEXT NOT NULL REFERENCES stakeholder_group (slug) ON DELETE RESTRICT,
  PRIMARY KEY (commitment, grp)
) WITHOUT ROWID;
CREATE INDEX commitment_group_grp ON commitment_group (grp);

CREATE TABLE commitment_person (
  commitment    INTEGER NOT NULL REFERENCES commitment (id) ON DELETE RESTRICT,
  person        INTEGER NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
  PRIMARY KEY (commitment, person)
) WITHOUT ROWID;
CREATE INDEX commitment_person_person ON commitment_person (person);

-- Append-only: the triggers below refuse UPDATE and DELETE.
CREATE TABLE commitment_update (
  id            INTEGER PRIMARY KEY,
  commitment    INTEGER NOT NULL REFERENCES commitment (id) ON DELETE RESTRICT,
  status        TEXT CHECK (status IS NULL OR status IN ('open', 'kept', 'broken', 'withdrawn')),
  note          TEXT NOT NULL,
  author        TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX commitment_update_commitment ON commitment_update (commitment, id);
CREATE TRIGGER commitment_update_no_update BEFORE UPDATE ON commitment_update
BEGIN SELECT RAISE (ABORT, 'commitment updates are append-only'); END;
CREATE TRIGGER commitment_update_no_delete BEFORE DELETE ON commitment_update
BEGIN SELECT RAISE (ABORT, 'commitment updates are append-only'); END;
CREATE TRIGGER commitment_no_delete BEFORE DELETE ON commitment
BEGIN SELECT RAISE (ABORT, 'commitments are never deleted'); END;

CREATE TABLE moment (
  id            INTEGER PRIMARY KEY,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL DEFAULT '',
  phase         TEXT REFERENCES phase (key) ON DELETE RESTRICT,
  scheduled_at  TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'approved', 'sent', 'cancelled')),
  author        TEXT NOT NULL DEFAULT '',
  supersedes    INTEGER REFERENCES moment (id) ON DELETE RESTRICT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX moment_scheduled ON moment (scheduled_at);

CREATE TABLE moment_channel (
  moment        INTEGER NOT NULL REFERENCES moment (id) ON DELETE CASCADE,
  channel       TEXT NOT NULL CHECK (channel IN ('email', 'desktop', 'meeting')),
  PRIMARY KEY (moment, channel)
) WITHOUT ROWID;

CREATE TABLE moment_group (
  moment        INTEGER NOT NULL REFERENCES moment (id) ON DELETE CASCADE,
  grp           TEXT NOT NULL REFERENCES stakeholder_group (slug) ON DELETE RESTRICT,
  PRIMARY KEY (moment, grp)
) WITHOUT ROWID;

CREATE TABLE moment_role (
  moment        INTEGER NOT NULL REFERENCES moment (id) ON DELETE CASCADE,
  role          TEXT NOT NULL REFERENCES role (slug) ON DELETE RESTRICT,
  PRIMARY KEY (moment, role)
) WITHOUT ROWID;

CREATE TABLE moment_person (
  moment        INTEGER NOT NULL REFERENCES moment (id) ON DELETE CASCADE,
  person        INTEGER NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
  PRIMARY KEY (moment, person)
) WITHOUT ROWID;

CREATE TABLE moment_status (
  moment        INTEGER NOT NULL REFERENCES moment (id) ON DELETE CASCADE,
  status        TEXT NOT NULL
                CHECK (status IN ('draft', 'decided', 'discussed', 'accepted', 'objection')),
  PRIMARY KEY (moment, status)
) WITHOUT ROWID;

CREATE TABLE gate (
  slug          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  phase         TEXT REFERENCES phase (key) ON DELETE RESTRICT,
  decide_on     TEXT NOT NULL,
  decision      TEXT CHECK (decision IS NULL OR decision IN ('go', 'nogo', 'postponed')),
  rationale     TEXT,
  decided_by    TEXT,
  decided_at    TEXT,
  override_note TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK (decision IS NULL OR (rationale IS NOT NULL AND decided_by IS NOT NULL))
);

CREATE TABLE gate_group (
  gate          TEXT NOT NULL REFERENCES gate (slug) ON DELETE CASCADE,
  grp           TEXT NOT NULL REFERENCES stakeholder_group (slug) ON DELETE RESTRICT,
  PRIMARY KEY (gate, grp)
) WITHOUT ROWID;

CREATE TABLE gate_criterion (
  id            INTEGER PRIMARY KEY,
  gate          TEXT NOT NULL REFERENCES gate (slug) ON DELETE RESTRICT,
  text          TEXT NOT NULL,
  owner         TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'failed')),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX gate_criterion_gate ON gate_criterion (gate, id);
