-- A due moment more than the grace period late (delivery.grace_minutes) is
-- held, not sent. The advisor who decides it goes out anyway releases it:
-- one row, with who decided and when; the next round of the scheduler
-- sends it once, like any due moment, and the row stays as the record of
-- that decision.
CREATE TABLE moment_release (
  moment        INTEGER PRIMARY KEY REFERENCES moment (id) ON DELETE CASCADE,
  decided_by    TEXT NOT NULL,
  decided_at    TEXT NOT NULL
);
