-- The interviews plugin, version 1 (component "interviews", issue 14).
--
-- Interviews (with a person or an external organisation) build the
-- inventory: items (components, applications, couplings, suppliers,
-- contracts, processes), each with the sources that mentioned it. What a
-- source said about a field is a claim; the item's own columns hold what
-- the sources agree on (or what the register itself decided), and
-- `conflicts` counts the fields they disagree on: a conflict is shown,
-- never overwritten. Components carry their readiness for the move.
-- Concerns are questions and worries people expect an answer to; an
-- anonymous concern holds no person and no time finer than the day.

CREATE TABLE interview (
  id               INTEGER PRIMARY KEY,
  slug             TEXT NOT NULL UNIQUE,
  kind             TEXT NOT NULL
                   CHECK (kind IN ('internal-admin', 'supplier', 'chain-partner',
                                   'process-owner', 'employee')),
  title            TEXT NOT NULL,
  -- the interviewee: a person, or an external organisation (or both: a
  -- supplier's account manager who is in Helder as a person)
  person           INTEGER REFERENCES person (id) ON DELETE SET NULL,
  organisation     TEXT NOT NULL DEFAULT '',
  -- set when the interviewee was a person who has since been erased
  person_erased    INTEGER NOT NULL DEFAULT 0 CHECK (person_erased IN (0, 1)),
  interviewer      INTEGER REFERENCES person (id) ON DELETE SET NULL,
  -- process owners: which area ("tab", "fab", "ia", "geo", "bi"); '' otherwise
  area             TEXT NOT NULL DEFAULT ''
                   CHECK (area IN ('', 'tab', 'fab', 'ia', 'geo', 'bi')),
  planned_at       TEXT,                 -- UTC; NULL while not planned
  duration_minutes INTEGER NOT NULL DEFAULT 60 CHECK (duration_minutes BETWEEN 5 AND 600),
  location         TEXT NOT NULL DEFAULT '',
  online_url       TEXT NOT NULL DEFAULT '',
  -- the meeting moment that invites the interviewee (core's moment)
  moment           INTEGER REFERENCES moment (id) ON DELETE SET NULL,
  status           TEXT NOT NULL DEFAULT 'planned'
                   CHECK (status IN ('planned', 'recorded', 'cancelled')),
  -- the template's question key → the answer (Markdown)
  answers          TEXT NOT NULL DEFAULT '{}',
  notes            TEXT NOT NULL DEFAULT '',   -- Markdown
  recorded_at      TEXT,                       -- UTC
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX interview_person ON interview (person);
CREATE INDEX interview_planned ON interview (planned_at);

CREATE TABLE inv_item (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL
                CHECK (kind IN ('component', 'application', 'coupling', 'supplier',
                                'contract', 'process')),
  name          TEXT NOT NULL,
  -- the name folded (case, accents, white space; for a coupling "FROM>TO:PROTOCOL"
  -- of ids and folded protocol): the same item mentioned twice is one item
  match_key     TEXT NOT NULL,
  -- The fields, resolved from the claims ('' or NULL: not known, or in conflict).
  type          TEXT NOT NULL DEFAULT ''     -- component
                CHECK (type IN ('', 'server', 'virtual-machine', 'physical-host', 'database',
                                'storage', 'network-device', 'workplace', 'cloud-service')),
  domain        TEXT NOT NULL DEFAULT '',    -- "Burgerzaken", "Infrastructuur", …
  supplier      INTEGER REFERENCES inv_item (id) ON DELETE SET NULL,  -- kind supplier
  owner         INTEGER REFERENCES person (id) ON DELETE SET NULL,    -- functional owner for an application
  owner_erased  INTEGER NOT NULL DEFAULT 0 CHECK (owner_erased IN (0, 1)),
  version       TEXT NOT NULL DEFAULT '',    -- application, component's system software
  from_item     INTEGER REFERENCES inv_item (id) ON DELETE CASCADE,   -- coupling
  to_item       INTEGER REFERENCES inv_item (id) ON DELETE CASCADE,   -- coupling
  protocol      TEXT NOT NULL DEFAULT '',    -- coupling: protocol or kind (StUF, REST, SFTP, …)
  scope         TEXT NOT NULL DEFAULT ''     -- coupling
                CHECK (scope IN ('', 'internal', 'external')),
  direction     TEXT NOT NULL DEFAULT ''     -- coupling: from → to, or both ways
                CHECK (direction IN ('', 'one-way', 'two-way')),
  subject       TEXT NOT NULL DEFAULT '',    -- contract
  ends_on       TEXT,                        -- contract, YYYY-MM-DD
  notice_months INTEGER CHECK (notice_months IS NULL OR notice_months BETWEEN 0 AND 120),
  description   TEXT NOT NULL DEFAULT '',
  conflicts     INTEGER NOT NULL DEFAULT 0,  -- fields on which the sources disagree
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (kind, match_key),
  CHECK (kind = 'coupling' OR (from_item IS NULL AND to_item IS NULL))
);
CREATE INDEX inv_item_domain ON inv_item (kind, domain);
CREATE INDEX inv_item_supplier ON inv_item (supplier);
CREATE INDEX inv_item_owner ON inv_item (owner);
CREATE INDEX inv_item_from ON inv_item (from_item);
CREATE INDEX inv_item_to ON inv_item (to_item);

-- Who said something about an item: an interview, or the register itself
-- (interview NULL: the CLI, a page or a CSV import; origin says which).
CREATE TABLE inv_source (
  id         INTEGER PRIMARY KEY,
  item       INTEGER NOT NULL REFERENCES inv_item (id) ON DELETE CASCADE,
  interview  INTEGER REFERENCES interview (id) ON DELETE CASCADE,
  origin     TEXT NOT NULL DEFAULT '',
  noted_at   TEXT NOT NULL,
  UNIQUE (item, interview)
);
CREATE UNIQUE INDEX inv_source_register ON inv_source (item) WHERE interview IS NULL;
CREATE INDEX inv_source_interview ON inv_source (interview);

-- What one source said about one field. Values are stored as text: a
-- person as "person:ID", an item as "item:ID", dates as YYYY-MM-DD, the
-- choices by their key. The register's claim, when there is one, decides.
CREATE TABLE inv_claim (
  id      INTEGER PRIMARY KEY,
  source  INTEGER NOT NULL REFERENCES inv_source (id) ON DELETE CASCADE,
  field   TEXT NOT NULL,
  value   TEXT NOT NULL,
  UNIQUE (source, field)
);

-- The key users of an application (people), with the source that named them.
CREATE TABLE inv_key_user (
  id      INTEGER PRIMARY KEY,
  item    INTEGER NOT NULL REFERENCES inv_item (id) ON DELETE CASCADE,
  person  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  source  INTEGER REFERENCES inv_source (id) ON DELETE SET NULL,
  UNIQUE (item, person)
);

-- Readiness of a component for the move, one row per aspect:
--   software     system software up to date
--   ip           IP address prepared for the move
--   virtualised  physical references virtualised
--   cleanup      cleaned up (value 'remove': to be removed rather than moved)
--   wave         migration wave (value: which wave)
--   owner        owner confirmed
CREATE TABLE inv_readiness (
  id         INTEGER PRIMARY KEY,
  item       INTEGER NOT NULL REFERENCES inv_item (id) ON DELETE CASCADE,
  aspect     TEXT NOT NULL
             CHECK (aspect IN ('software', 'ip', 'virtualised', 'cleanup', 'wave', 'owner')),
  status     TEXT NOT NULL DEFAULT 'open'
             CHECK (status IN ('open', 'in-progress', 'done', 'not-applicable')),
  value      TEXT NOT NULL DEFAULT '',
  on_date    TEXT,                 -- YYYY-MM-DD: planned (open, in progress) or done
  note       TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (item, aspect)
);

-- Themes of concerns, managed by the advisor.
CREATE TABLE concern_theme (
  id         INTEGER PRIMARY KEY,
  slug       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  name_en    TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE TABLE concern (
  id                INTEGER PRIMARY KEY,
  text              TEXT NOT NULL,
  theme             INTEGER REFERENCES concern_theme (id) ON DELETE SET NULL,
  -- the person who raised it, only when they agreed to be named
  named             INTEGER NOT NULL DEFAULT 0 CHECK (named IN (0, 1)),
  person            INTEGER REFERENCES person (id) ON DELETE SET NULL,
  via               TEXT NOT NULL
                    CHECK (via IN ('interview', 'conversation', 'personal-page')),
  interview         INTEGER REFERENCES interview (id) ON DELETE SET NULL,
  raised_on         TEXT NOT NULL,   -- YYYY-MM-DD in the programme's zone, never finer
  status            TEXT NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'answered', 'withdrawn')),
  answer            TEXT NOT NULL DEFAULT '',   -- a direct answer, Markdown
  answer_moment     INTEGER REFERENCES moment (id) ON DELETE SET NULL,
  answer_commitment INTEGER REFERENCES commitment (id) ON DELETE SET NULL,
  answered_on       TEXT,            -- YYYY-MM-DD
  -- on the questions-and-answers page, as `public_question` (rephrased so
  -- that it names no one; '' means the text as raised)
  published         INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  public_question   TEXT NOT NULL DEFAULT '',
  CHECK (named = 1 OR person IS NULL),
  CHECK (status <> 'answered' OR answered_on IS NOT NULL),
  CHECK (published = 0 OR status = 'answered')
);
CREATE INDEX concern_person ON concern (person);
CREATE INDEX concern_status ON concern (status, raised_on);

CREATE TABLE concern_group (
  id       INTEGER PRIMARY KEY,
  concern  INTEGER NOT NULL REFERENCES concern (id) ON DELETE CASCADE,
  grp      TEXT NOT NULL REFERENCES stakeholder_group (slug) ON DELETE CASCADE,
  UNIQUE (concern, grp)
);
