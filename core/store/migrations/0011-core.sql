-- Helder core schema, version 11: following a moment's versions by index.
--
-- A meeting's answers, invitations and slots follow the chain of versions
-- that supersede it (moment.supersedes); without an index every step of
-- that walk reads every moment, bodies and all, and a personal page with
-- a dozen meetings does that dozens of times.
CREATE INDEX moment_supersedes ON moment (supersedes);
