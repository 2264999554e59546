-- Helder core schema, version 15: what plugins compute for core.
--
-- A moment a plugin creates may narrow its audience at sending time
-- through a filter the plugin registered ("NAME:ARGUMENT", NULL for none):
-- a survey's reminder goes only to those who have not answered. A moment
-- whose filter is not registered when it falls due is not sent.
-- The rules check its form (model/helder-rules.c).
ALTER TABLE moment ADD COLUMN audience_filter TEXT;

-- A gate criterion a plugin computes names its measure ("survey-score")
-- and the measure's argument; NULL is a criterion ticked off by hand. What
-- the measure last said is kept with it: its state ('met', 'failed',
-- 'unclear'), the value and source as people read them, a link to the
-- details, and when that result came (services/repo/helder-gate-measure.c).
ALTER TABLE gate_criterion ADD COLUMN measure TEXT;
ALTER TABLE gate_criterion ADD COLUMN measure_arg TEXT;
ALTER TABLE gate_criterion ADD COLUMN measure_state TEXT
  CHECK (measure_state IS NULL OR measure_state IN ('met', 'failed', 'unclear'));
ALTER TABLE gate_criterion ADD COLUMN measure_value TEXT;
ALTER TABLE gate_criterion ADD COLUMN measure_source TEXT;
ALTER TABLE gate_criterion ADD COLUMN measure_link TEXT;
ALTER TABLE gate_criterion ADD COLUMN measured_at TEXT;
