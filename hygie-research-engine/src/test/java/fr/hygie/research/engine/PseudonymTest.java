package fr.hygie.research.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.research.engine.extract.HmacPseudonym;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class PseudonymTest {

    /** What the server's Pseudonyms.hmacSha256Hex computes: plain javax.crypto HmacSHA256, lowercase hex. */
    private static String javax(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theEnginesPseudonymIsPlainHmacSha256OfThePlatformIdInLowercaseHex() throws Exception {
        for (String id : List.of("synth-0000042", "0190f3a2-7b1c-7d4e-9a1b-2c3d4e5f6a7b", "é")) {
            assertThat(HmacPseudonym.hex(Fixture.KEY_A, id)).isEqualTo(javax(Fixture.KEY_A, id)).matches("[0-9a-f]{64}");
        }
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(HmacPseudonym.hex("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void theSparkFunctionGivesTheSamePseudonymsAsPlainJava() throws Exception {
        var spark = Fixture.get().spark;
        var udf = functions.udf(new HmacPseudonym(Fixture.KEY_A), DataTypes.StringType);
        List<Row> rows = spark.range(0, 200).repartition(4)
                .select(functions.concat(functions.lit("synth-"), functions.col("id").cast("string")).as("id"))
                .select(functions.col("id"), udf.apply(functions.col("id")).as("p")).collectAsList();
        assertThat(rows).hasSize(200);
        for (Row r : rows) {
            assertThat(r.getString(1)).isEqualTo(javax(Fixture.KEY_A, r.getString(0)));
        }
    }
}
