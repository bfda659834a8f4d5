package nl.spuk.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Text as lists search it: lower case, without accents, single spaces. A list stores this form of what it can be
 * searched on, and a search term in this form matches where the stored text contains it ("sudwest" finds
 * "Súdwest-Fryslân").
 */
public final class SearchText {
    /** The longest search term a list accepts. */
    public static final int MAX_TERM = 100;

    private SearchText() {
    }

    /** The searchable form of the parts, joined by a space; null parts are left out. */
    public static String of(String... parts) {
        String joined = Arrays.stream(parts).filter(Objects::nonNull).collect(Collectors.joining(" "));
        String plain = Normalizer.normalize(joined, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    /** Whether the text, in any form, contains the term (both put in the searchable form). */
    public static boolean matches(String term, String... parts) {
        return of(parts).contains(of(term));
    }
}
