package io.kinora.catalog.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How title and description become searchable: runs of letters and digits, lower-cased, accents dropped
 * ("Éclair" is "eclair"), at most {@link #MAX_LENGTH} characters. A search matches when every word of the
 * query starts one of the video's words, so it can use an index instead of reading every title.
 */
public final class SearchWords {
    public static final int MAX_LENGTH = 64;
    /** Words of a query beyond this are ignored: each one costs a lookup. */
    public static final int MAX_QUERY_WORDS = 8;

    private SearchWords() { }

    /** The distinct words of the texts (nulls skipped). */
    public static Set<String> of(String... texts) {
        Set<String> words = new LinkedHashSet<>();
        for (String t : texts) {
            if (t != null) split(t, words);
        }
        return words;
    }

    /** The words of a search query, at most {@link #MAX_QUERY_WORDS}; empty when it has none. */
    public static List<String> query(String q) {
        if (q == null) return List.of();
        Set<String> words = new LinkedHashSet<>();
        split(q, words);
        return new ArrayList<>(words).subList(0, Math.min(words.size(), MAX_QUERY_WORDS));
    }

    /**
     * The first string after every string that starts with {@code prefix} (its last code point plus one), so that
     * {@code word >= prefix and word < after(prefix)} is exactly a prefix match, and an index range with bound
     * parameters (LIKE with a parameter makes H2 read the whole index). Code point order: the column compares in
     * binary (COLLATE "C" on PostgreSQL, H2's default).
     */
    public static String after(String prefix) {
        int last = prefix.offsetByCodePoints(prefix.length(), -1);
        return prefix.substring(0, last) + Character.toString(prefix.codePointAt(last) + 1);
    }

    private static void split(String text, Set<String> into) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= plain.length(); ) {
            int c = i < plain.length() ? plain.codePointAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                if (word.length() < MAX_LENGTH) word.appendCodePoint(c);
            } else if (!word.isEmpty()) {
                into.add(word.length() > MAX_LENGTH ? word.substring(0, MAX_LENGTH) : word.toString());
                word.setLength(0);
            }
            i += Character.charCount(c);
        }
    }
}
