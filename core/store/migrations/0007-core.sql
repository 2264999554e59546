-- Helder core schema, version 7: asking for a sign-in link (issue 11).
--
-- Every request for a new sign-in link, known address or not: what the
-- rate limits count. The address is kept only as a keyed hash (the key
-- is access_key 'address'), so the table does not become a list of the
-- addresses people typed; a known address also names its person (for
-- the limit per person), and is cut loose when that person is erased.
CREATE TABLE access_request (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  address_hash  TEXT NOT NULL,
  person        INTEGER REFERENCES person (id) ON DELETE SET NULL,
  outcome       TEXT NOT NULL
                CHECK (outcome IN ('sent', 'unknown', 'limited', 'unreachable'))
);
CREATE INDEX access_request_address ON access_request (address_hash, at);
CREATE INDEX access_request_person ON access_request (person, at);

-- Keys Helder makes for itself (random, 256 bits, hex), by name.
CREATE TABLE access_key (
  name          TEXT PRIMARY KEY,
  secret        TEXT NOT NULL
) WITHOUT ROWID;
