-- Helder core schema, version 15: what plugins compute for core.
--
-- A moment a plugin creates may narrow its audience at sending time
-- through a filter the plugin registered ("NAME:ARGUMENT", NULL for none):
-- a survey's reminder goes only to those who have not answered. A moment
-- whose filter is not registered when it falls due is not sent.
-- The rules check its form (model/helder-rules.c).
ALTER TABLE moment ADD COLUMN audience_filter TEXT;
