/**
 * Secure messaging (messagerie sécurisée de santé) between a person and their professionals.
 *
 * <p>Model: a conversation joins one person and one care party, either a professional or a care
 * structure's shared mailbox (a professional whose account belongs to a structure reads and writes in
 * it, and each message names who wrote it "pour" the structure). Only the care side starts a
 * conversation, with two exceptions for the person (DOMAIN "Secure messaging"), decided by
 * {@link fr.hygie.messaging.MessagingPolicy}. Contents are sealed at rest; every read and write is
 * journaled with objectType {@code Communication}.
 */
package fr.hygie.messaging;
