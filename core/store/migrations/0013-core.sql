-- Helder core schema, version 13: the advisor's list of people in name order.
--
-- /people shows everyone 50 at a time, sorted by name whatever its case;
-- without an index every page sorts all people again (10,000 in a large
-- municipality), which was most of what a page cost.
CREATE INDEX person_name ON person (name COLLATE NOCASE);
