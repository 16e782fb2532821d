-- Proof-of-work puzzles already paid with (SUBMIT_PROOF_OF_WORK), shared by every instance so one
-- solution stores one response, whichever instance it reaches (issue 16). The key that signs the
-- puzzles is derived from the hour's guard key (guard_keys), so every instance verifies the others'.
-- UNLOGGED like the other guards (0003): never in the WAL, emptied by a crash, which only lets a
-- puzzle in flight be spent once more. `salt_hash` is sha256 of the puzzle's salt (a link id, an
-- expiry and 96 random bits); each row goes when its puzzle expires (`keep_until`, ms).
CREATE UNLOGGED TABLE guard_spent_puzzles (
  salt_hash BYTEA NOT NULL PRIMARY KEY,
  keep_until BIGINT NOT NULL
);
CREATE INDEX guard_spent_puzzles_expiry ON guard_spent_puzzles (keep_until);
