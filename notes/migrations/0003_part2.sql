-- 42 CFR Part 2: a client whose record is a substance-use disorder treatment
-- record. Kept on the client's row, so that destroying the client removes it.
ALTER TABLE clients ADD COLUMN part2 INTEGER NOT NULL DEFAULT 0;
