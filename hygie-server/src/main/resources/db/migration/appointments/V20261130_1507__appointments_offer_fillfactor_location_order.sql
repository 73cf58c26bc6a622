-- The offer rows, stored in location order with room for their updates (ADR 0006).
--
-- The public search reads, for every published offer in its latitude/longitude box, the row itself (distance,
-- stored first free slot, filters): on the 10,000-offer bench home the 50 km box around Lyon held 3,400 rows
-- spread over 258 of the table's pages. Rewritten in (latitude, longitude) order, the same rows fill ~115 pages.
-- The first-free triggers (ADR 0004) update the offer row on every booking, cancellation and move; a fillfactor
-- of 90 keeps ~800 bytes free per page, so those updates stay on the page (HOT: no new index entries). The
-- migration V20261130_1140 had written a second version of every row (the table grew from 260 to 497 pages);
-- the rewrite also drops that space and rebuilds the indexes.
--
-- CLUSTER needs a non-partial index: a temporary one, dropped after. The rewrite takes the table's exclusive lock
-- for its duration (0.26 s for 10,032 offers at load ~12). New offers are appended: the order decays slowly
-- (offers are created when an agenda opens), and a later CLUSTER on the same expression restores it.
ALTER TABLE appointments.practitioner_offer SET (fillfactor = 90);
CREATE INDEX offer_location_order_tmp ON appointments.practitioner_offer (latitude, longitude);
CLUSTER appointments.practitioner_offer USING offer_location_order_tmp;
DROP INDEX appointments.offer_location_order_tmp;
