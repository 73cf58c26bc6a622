/**
 * The health record of each person's space (Mon espace santé): documents, medical profile, wishes.
 * The only module that stores health content; it asks the access module before every read and write
 * (which journals the decision first) and keeps content encrypted at rest.
 */
package fr.hygie.record;
