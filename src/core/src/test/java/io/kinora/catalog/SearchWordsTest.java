package io.kinora.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinora.catalog.domain.SearchWords;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchWordsTest {
    @Test
    void wordsAreLetterAndDigitRunsLowerCasedWithoutAccents() {
        assertEquals(List.of("creme", "brulee", "2024", "x"), List.copyOf(SearchWords.of("Crème-BRÛLÉE_2024 x")));
        assertEquals(Set.of("river", "walk", "zebra", "about"), SearchWords.of("River walk, river!", "zebra; about", null));
    }

    @Test
    void queriesKeepEightDistinctWordsAndIgnorePunctuation() {
        assertEquals(List.of("tag"), SearchWords.query("%_tag"));
        assertEquals(List.of(), SearchWords.query(" -- "));
        assertEquals(List.of(), SearchWords.query(null));
        assertEquals(8, SearchWords.query("a b c d e f g h i j a").size());
    }

    @Test
    void afterIsTheFirstStringPastThePrefix() {
        assertEquals("riw", SearchWords.after("riv"));
        assertEquals("a{", SearchWords.after("az"));
        assertEquals("\ud835\udc9c", SearchWords.after("\ud835\udc9b")); // U+1D49B -> U+1D49C, a code point, not a char
    }

    @Test
    void longWordsAreCut() {
        assertEquals(SearchWords.MAX_LENGTH, SearchWords.of("x".repeat(100)).iterator().next().length());
    }
}
