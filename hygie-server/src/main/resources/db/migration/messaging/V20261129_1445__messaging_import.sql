-- Messages brought in by an operator's import (« réversibilité », issue 4): their author's account does not
-- travel between platforms (author_name and on_behalf_of keep who wrote, as shown forever), so it becomes optional.
ALTER TABLE messaging.message ALTER COLUMN author_account_id DROP NOT NULL;
