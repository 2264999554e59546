-- Helder core schema, version 12: the advisor's daily work on the web
-- (issue 12, point 4).
--
-- A commitment update may point to its evidence: the minutes, the decision
-- or the page that shows what became of the promise (an http:// or
-- https:// address; empty when there is none). Updates stay append-only.
ALTER TABLE commitment_update ADD COLUMN evidence_url TEXT NOT NULL DEFAULT '';

-- A gate criterion says why it has its status: a note next to "met",
-- "open" or "failed" (empty when there is none).
ALTER TABLE gate_criterion ADD COLUMN note TEXT NOT NULL DEFAULT '';
