package fr.hygie.record;

/** Lifecycle of a document: a new version supersedes the old one; deletion crypto-erases the content. */
public enum DocumentStatus {
    CURRENT, SUPERSEDED, DELETED
}
