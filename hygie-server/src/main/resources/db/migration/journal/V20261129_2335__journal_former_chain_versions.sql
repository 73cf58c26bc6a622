-- A person who goes back to a platform and leaves it again (A → B → A → B) brings B a longer version of A's chain
-- than the one B keeps. Rows are never rewritten (append-only), so the longer version is kept beside the older one
-- (same key and chain, another head); the page, the API, the export and the auditor read the newest version of each
-- chain (FormerChains.NEWEST), journal verify verifies every version.
ALTER TABLE journal.former_chain DROP CONSTRAINT former_chain_key_chain_key;
ALTER TABLE journal.former_chain ADD CONSTRAINT former_chain_key_chain_head_key UNIQUE (key_id, chain, head_seq);
