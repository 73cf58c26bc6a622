-- A project imported from another platform keeps its researcher's login as text: accounts never travel
-- (credentials), and the public registry must not lose a project whose researcher has no account here yet.
ALTER TABLE research.project ALTER COLUMN researcher_account_id DROP NOT NULL;
ALTER TABLE research.project ADD COLUMN researcher_login TEXT;
