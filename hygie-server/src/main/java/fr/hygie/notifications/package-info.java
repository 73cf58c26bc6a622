/**
 * Notifications: tells a person that something happened in their space (new document, new
 * authorisation, emergency access, new message), in the app and through the outbox (e-mail, SMS,
 * letter for people without digital access), through the channels they chose. No health data ever
 * leaves in a notification.
 */
package fr.hygie.notifications;
