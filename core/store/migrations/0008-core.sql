-- Helder core schema, version 8: a digest that says what is new, and
-- external people who choose whether they get one (issue 11, points 4, 5).
--
-- person.digest tells a person's own choice apart from the default:
-- 'default' follows who they are (weekly for the organisation's own
-- people, off for people whose groups are all external: suppliers and
-- chain partners), 'weekly' and 'off' are what they chose. Before this
-- version 'weekly' was both the default and a choice; it becomes
-- 'default', and 'off', which was always chosen, stays. SQLite cannot
-- change a CHECK, and rebuilding person would cascade into every table
-- that refers to it: the column is replaced instead (a CHECK on the
-- column itself does not stop DROP COLUMN).
ALTER TABLE person ADD COLUMN digest_choice TEXT NOT NULL DEFAULT 'default'
  CHECK (digest_choice IN ('default', 'weekly', 'off'));
UPDATE person SET digest_choice = 'off' WHERE digest = 'off';
ALTER TABLE person DROP COLUMN digest;
ALTER TABLE person RENAME COLUMN digest_choice TO digest;

-- The personal page marks what is new since a person's previous visit.
-- A visit starts at a page load more than the visit gap after the start
-- of the one before (helder-personal-news.c); `since` is where the
-- visit's "new" begins. One row per person, written once per visit, not
-- on every page load; erased with the person.
CREATE TABLE person_visit (
  person        INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
  visit_at      TEXT NOT NULL,
  since         TEXT NOT NULL
);
