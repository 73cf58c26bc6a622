package fr.hygie.oversight;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * What the prevention rules may look at: civil-status sex (M, F or I), birth date, and the coded lines
 * of the profile with their dates (codes only: never a note, never a measured value).
 */
public record PersonFacts(String sex, LocalDate birthDate, List<CodedFact> facts) {

    public PersonFacts {
        facts = List.copyOf(facts);
    }

    public record CodedFact(String system, String code, LocalDate date) {
    }

    public int ageOn(LocalDate day) {
        return Period.between(birthDate, day).getYears();
    }
}
