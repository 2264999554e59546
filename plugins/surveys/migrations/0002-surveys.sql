-- The surveys plugin, version 2: survey.phase refers to phase (key).
--
-- Version 1 named phase (slug), which does not exist: SQLite refuses every
-- write to survey with "foreign key mismatch" while foreign keys are on.
-- The table is rebuilt with the right reference; its rows (none can have
-- been written) are copied over, and the join tables keep referring to
-- "survey" by name.
CREATE TABLE survey_v2 (
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
DROP TABLE survey;
ALTER TABLE survey_v2 RENAME TO survey;

-- A question is not deleted once people could answer its survey (a round
-- is or was open): the platform's delete runs no entity check, so the
-- store keeps the rule. (Adding and changing are refused by the noun's
-- check, which also knows rounds whose opening time passed.)
CREATE TRIGGER survey_question_frozen BEFORE DELETE ON survey_question
  WHEN EXISTS (SELECT 1 FROM survey_round WHERE survey = OLD.survey
               AND status IN ('open', 'closed', 'reduced'))
    AND EXISTS (SELECT 1 FROM survey WHERE id = OLD.survey)
BEGIN
  SELECT RAISE (ABORT, 'survey_question: its questions can no longer change, because people could already answer it');
END;
