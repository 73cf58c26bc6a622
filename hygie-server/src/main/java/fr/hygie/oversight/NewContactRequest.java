package fr.hygie.oversight;

/** What a person (or a visitor, or a representative for a person) fills in to be contacted by a person. */
public record NewContactRequest(String name, ContactChoices.Topic topic, String message, ContactChoices.Channel channel,
        String phone, String email, ContactChoices.When when) {
}
