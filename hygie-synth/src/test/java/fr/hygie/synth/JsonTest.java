package fr.hygie.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String line = new Json(new StringBuilder())
                .field("text", "Il a dit \"bonjour\"\\\n\tfin\u0001\u2028")
                .field("accents", "Hélène d'Œuf")
                .field("none", (String) null)
                .field("n", 42)
                .field("x", -0.5)
                .field("ok", true)
                .field("day", LocalDate.of(2025, 3, 1))
                .field("list", List.of("fr", "e\"n"))
                .end();

        assertThat(line).isEqualTo("{\"text\":\"Il a dit \\\"bonjour\\\"\\\\\\n\\tfin\\u0001\\u2028\","
                + "\"accents\":\"Hélène d'Œuf\",\"none\":null,\"n\":42,\"x\":-0.5,\"ok\":true,"
                + "\"day\":\"2025-03-01\",\"list\":[\"fr\",\"e\\\"n\"]}");
    }
}
