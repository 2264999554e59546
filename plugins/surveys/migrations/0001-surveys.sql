-- The surveys plugin, version 1 (component "surveys").
--
-- A survey is asked in rounds (one for a single survey, one every N days
-- for a recurring pulse). Who answered a round (survey_answered) and what
-- was answered (survey_response, survey_answer) share nothing but the
-- round: responses have random 16-byte ids, no rowid, no person, no token
-- and no time, so neither their ids nor their order says who or when
-- (DESIGN.md §6, "anonymous means anonymous").

CREATE TABLE survey (
  id               INTEGER PRIMARY KEY,
  slug             TEXT NOT NULL UNIQUE,
  title            TEXT NOT NULL,
  kind             TEXT NOT NULL DEFAULT 'custom'
                   CHECK (kind IN ('pulse', 'readiness', 'experience', 'evaluation', 'custom')),
  template         TEXT,
  language         TEXT NOT NULL DEFAULT 'nl',
  intro            TEXT NOT NULL DEFAULT '',
  phase            TEXT REFERENCES phase (key) ON DELETE SET NULL,
  threshold        INTEGER NOT NULL DEFAULT 5 CHECK (threshold >= 5),
  opens_at         TEXT,
  closes_at        TEXT,
  repeat_days      INTEGER CHECK (repeat_days IS NULL OR repeat_days BETWEEN 7 AND 366),
  repeat_until     TEXT,
  remind_days      INTEGER NOT NULL DEFAULT 2 CHECK (remind_days BETWEEN 0 AND 60),
  min_rate         INTEGER NOT NULL DEFAULT 30 CHECK (min_rate BETWEEN 0 AND 100),
  status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  purpose          TEXT NOT NULL DEFAULT '',
  legal_basis      TEXT NOT NULL DEFAULT ''
                   CHECK (legal_basis IN ('', 'public_task', 'legitimate_interest', 'legal_obligation')),
  works_council    TEXT NOT NULL DEFAULT ''
                   CHECK (works_council IN ('', 'agreed', 'not_required', 'pending', 'refused')),
  works_council_on TEXT,
  retention_months INTEGER CHECK (retention_months IS NULL OR retention_months BETWEEN 1 AND 120),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);

-- The audience, exactly like a moment's: groups ∪ roles ∪ persons ∪
-- everyone whose role change has one of the statuses.
CREATE TABLE survey_group (
  survey INTEGER NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
  grp    TEXT NOT NULL REFERENCES stakeholder_group (slug) ON DELETE CASCADE,
  PRIMARY KEY (survey, grp)
) WITHOUT ROWID;
CREATE TABLE survey_role (
  survey INTEGER NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
  role   TEXT NOT NULL REFERENCES role (slug) ON DELETE CASCADE,
  PRIMARY KEY (survey, role)
) WITHOUT ROWID;
CREATE TABLE survey_person (
  survey INTEGER NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
  person INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  PRIMARY KEY (survey, person)
) WITHOUT ROWID;
CREATE TABLE survey_status (
  survey INTEGER NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  PRIMARY KEY (survey, status)
) WITHOUT ROWID;
CREATE TABLE survey_channel (
  survey  INTEGER NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  PRIMARY KEY (survey, channel)
) WITHOUT ROWID;

-- kind: agree5 (1–5 agreement), scale10 (0–10), single, multiple,
-- short, long. Options of single/multiple: one per line.
CREATE TABLE survey_question (
  id         INTEGER PRIMARY KEY,
  survey     INTEGER NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('agree5', 'scale10', 'single', 'multiple', 'short', 'long')),
  text       TEXT NOT NULL,
  text_en    TEXT NOT NULL DEFAULT '',
  options    TEXT NOT NULL DEFAULT '',
  options_en TEXT NOT NULL DEFAULT '',
  required   INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (survey, position)
);
-- A question shown only to some groups or roles (none: to everyone).
CREATE TABLE survey_question_group (
  question INTEGER NOT NULL REFERENCES survey_question (id) ON DELETE CASCADE,
  grp      TEXT NOT NULL REFERENCES stakeholder_group (slug) ON DELETE CASCADE,
  PRIMARY KEY (question, grp)
) WITHOUT ROWID;
CREATE TABLE survey_question_role (
  question INTEGER NOT NULL REFERENCES survey_question (id) ON DELETE CASCADE,
  role     TEXT NOT NULL REFERENCES role (slug) ON DELETE CASCADE,
  PRIMARY KEY (question, role)
) WITHOUT ROWID;

-- status: planned, open, closed follow the clock (opens_at, closes_at);
-- reduced: retention ended, the answers were deleted and only
-- `aggregate`, the published results, remains.
CREATE TABLE survey_round (
  id         INTEGER PRIMARY KEY,
  survey     INTEGER NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
  number     INTEGER NOT NULL CHECK (number >= 1),
  opens_at   TEXT NOT NULL,
  closes_at  TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'planned'
             CHECK (status IN ('planned', 'open', 'closed', 'cancelled', 'reduced')),
  invitation INTEGER REFERENCES moment (id) ON DELETE SET NULL,
  reminder   INTEGER REFERENCES moment (id) ON DELETE SET NULL,
  followup   INTEGER REFERENCES moment (id) ON DELETE SET NULL,
  aggregate  TEXT,
  reduced_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (survey, number)
);

-- How many people a round invited, overall ('all', ''), per breakdown
-- group and per role-change status, counted when it opened: the
-- denominators of response rates, and what decides whether an attribute
-- is kept on a response at all.
CREATE TABLE survey_population (
  round     INTEGER NOT NULL REFERENCES survey_round (id) ON DELETE CASCADE,
  dimension TEXT NOT NULL CHECK (dimension IN ('all', 'group', 'status')),
  value     TEXT NOT NULL,
  invited   INTEGER NOT NULL CHECK (invited >= 0),
  PRIMARY KEY (round, dimension, value)
) WITHOUT ROWID;

-- Who answered a round: for reminders and for once per person. Nothing
-- here is shared with the responses but the round.
CREATE TABLE survey_answered (
  round  INTEGER NOT NULL REFERENCES survey_round (id) ON DELETE CASCADE,
  person INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  PRIMARY KEY (round, person)
) WITHOUT ROWID;

-- One person's answers to one round, anonymous: a random id, the round,
-- and the attributes copied when they answered (NULL when the group or
-- status has fewer invited people than the threshold).
CREATE TABLE survey_response (
  id     BLOB PRIMARY KEY CHECK (length (id) = 16),
  round  INTEGER NOT NULL REFERENCES survey_round (id) ON DELETE CASCADE,
  grp    TEXT,
  status TEXT
) WITHOUT ROWID;

-- One answer: choice is the scale value (1–5, 0–10) or the option's
-- index (0-based; a multiple choice has one row per option chosen), -1
-- for free text. round, grp and status are the response's, copied so that
-- results are one scan of an index.
CREATE TABLE survey_answer (
  response BLOB NOT NULL REFERENCES survey_response (id) ON DELETE CASCADE,
  question INTEGER NOT NULL REFERENCES survey_question (id) ON DELETE CASCADE,
  choice   INTEGER NOT NULL,
  text     TEXT,
  round    INTEGER NOT NULL,
  grp      TEXT,
  status   TEXT,
  PRIMARY KEY (response, question, choice)
) WITHOUT ROWID;
CREATE INDEX survey_answer_results ON survey_answer (round, question, grp, status, choice);
CREATE INDEX survey_response_round ON survey_response (round);
