package fr.hygie.journal;
public enum JournalDecision { PERMIT, DENY }
