package nl.spuk.adapter.in.lambda.http;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the plain trees the views build (maps with text keys, collections, text, whole numbers, decimals, booleans
 * and nulls) exactly as Jackson's default writer does, without Jackson. A cold Lambda container whose answer is
 * plain then never loads and configures Jackson (some 400 classes, 150-250 ms on a cold JVM), which is most of
 * what a read route costs beyond its DynamoDB call. Anything else (a record, a date, a floating point number) is
 * not plain: {@link #write} answers null and the caller uses Jackson.
 */
final class PlainJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PlainJson() {
    }

    /** The JSON text, or null if the value is not a plain tree. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        return append(value, out) ? out.toString() : null;
    }

    private static boolean append(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal || value instanceof Boolean) {
            // BigDecimal as Jackson writes it by default: toString(), scientific notation included
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    return false;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(key, out);
                out.append(':');
                if (!append(e.getValue(), out)) {
                    return false;
                }
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                if (!append(item, out)) {
                    return false;
                }
            }
            out.append(']');
        } else {
            return false;
        }
        return true;
    }

    /** Jackson's standard escapes: quote, backslash, short forms for five control characters, \\u00XX for the rest. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
