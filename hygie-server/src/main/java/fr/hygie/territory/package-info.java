/**
 * Territories and One Health (« Une seule santé », recommendation n° 8): health indicators per département and
 * région computed from aggregates of the other modules (never person-level data), protected by small-count
 * suppression, crossed with imported environment and living-conditions datasets; schematic map geometry.
 */
package fr.hygie.territory;
