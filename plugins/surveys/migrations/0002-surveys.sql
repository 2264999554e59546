-- The surveys plugin, version 2.

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
