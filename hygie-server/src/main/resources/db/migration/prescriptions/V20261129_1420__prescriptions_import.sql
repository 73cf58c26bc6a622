-- Prescriptions brought in by an operator's import (« réversibilité », issue 4): their prescriber may have
-- no account on this platform (a directory entry only), so the prescriber's account becomes optional.
ALTER TABLE prescriptions.prescription ALTER COLUMN prescriber_account DROP NOT NULL;
