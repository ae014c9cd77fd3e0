package dev.kubelab.explain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NamesTest {

    @ParameterizedTest(name = "{0} / {1} = {2}")
    @CsvSource({
            "wbe, web, 1",          // a swap of neighbours is one edit
            "garage, garge, 1",     // a letter left out
            "garage, garaeg, 1",
            "trino, trino, 0",
            "trino, trinoo, 1",
            "web, wxb, 1",
            "redis, radix, 2",
            "postgres, potsgres, 1",
            "postgres, pstgrse, 2",
            "abc, '', 3",
            "'', abc, 3",
            "ca, abc, 3",           // optimal string alignment: a swapped pair is not edited again (true Damerau says 2)
            "web, garage, 6"})
    void distance(String a, String b, int expected) {
        assertEquals(expected, Names.distance(a, b));
        assertEquals(expected, Names.distance(b, a), "symmetric");
    }

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource({
            // short names (< 6 letters as written): one edit
            "web, wbe, true",
            "web, wb, true",
            "redis, rdeis, true",
            "redis, radix, false",
            "web, wxyz, false",
            // six letters and more: two edits
            "garage, garge, true",
            "garage, gaarge, true",
            "garage, gxrxge, true",
            "garage, gxxxge, false",
            "postgres, pstgrse, true",
            // the same name is no near miss
            "trino, trino, false",
            "garage, garage, false"})
    void nearMiss(String candidate, String written, boolean expected) {
        assertEquals(expected, Names.nearMiss(candidate, written));
    }
}
