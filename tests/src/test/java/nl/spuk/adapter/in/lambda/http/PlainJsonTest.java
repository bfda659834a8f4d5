package nl.spuk.adapter.in.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain writer answers exactly what Jackson's default writer answers, and leaves everything else to Jackson. */
class PlainJsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void writesPlainTreesAsJacksonDoes() throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("text", "quote \" backslash \\ slash / tab \t newline \n return \r feed \f back \b nul \u0000 unit \u001f del \u007f");
        tree.put("unicode", "één € 😀 \u2028 \ud800");
        tree.put("whole", List.of(0, -1, Long.MAX_VALUE, Long.MIN_VALUE, (short) 7, (byte) -8, new BigInteger("123456789012345678901234567890")));
        tree.put("decimals", List.of(new BigDecimal("0.25"), new BigDecimal("1E+3"), new BigDecimal("-0.000001"), BigDecimal.ZERO));
        tree.put("flags", List.of(true, false));
        tree.put("nothing", null);
        tree.put("empty", Map.of());
        tree.put("none", List.of());
        tree.put("set", new LinkedHashSet<>(List.of("a", "b")));
        tree.put("nested", Map.of("items", List.of(Map.of("k", "v"), List.of(1, List.of()))));
        assertThat(PlainJson.write(tree)).isEqualTo(JACKSON.writeValueAsString(tree));
    }

    @Test
    void randomTreesMatchToo() throws Exception {
        Random random = new Random(20261123);
        for (int i = 0; i < 500; i++) {
            Object tree = randomValue(random, 0);
            assertThat(PlainJson.write(tree)).as("tree %s", i).isEqualTo(JACKSON.writeValueAsString(tree));
        }
    }

    @Test
    void leavesWhatIsNotPlainToJackson() throws Exception {
        record Point(int x, int y) {
        }
        Map<String, Object> withRecord = Map.of("point", new Point(1, 2));
        Map<String, Object> withDouble = Map.of("hours", List.of(1.5));
        Map<Object, Object> withNumberKey = Map.of(2025, 1L);
        Map<String, Object> withEnum = Map.of("unit", java.util.concurrent.TimeUnit.DAYS);
        for (Object value : List.of(withRecord, withDouble, withNumberKey, withEnum, Instant.EPOCH)) {
            assertThat(PlainJson.write(value)).as("%s", value).isNull();
        }
        assertThat(Json.write(withDouble)).isEqualTo(JACKSON.writeValueAsString(withDouble));
        assertThat(Json.write(withEnum)).isEqualTo("{\"unit\":\"DAYS\"}");
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> randomText(random);
            case 1 -> random.nextLong();
            case 2 -> BigDecimal.valueOf(random.nextLong(), random.nextInt(12) - 4);
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    map.put(randomText(random), randomValue(random, depth + 1));
                }
                yield map;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            s.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x180) : 0x20 + random.nextInt(0x5f)));
        }
        return s.toString();
    }
}
