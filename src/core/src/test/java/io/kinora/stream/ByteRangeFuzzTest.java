package io.kinora.stream;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Range headers from anyone, against files of every size: never an exception, always a range inside the file. */
class ByteRangeFuzzTest {
    static final long[] LENGTHS = {0, 1, 2, 100, 1_000_000, Long.MAX_VALUE - 1, Long.MAX_VALUE};

    @FuzzTest(maxDuration = "6s")
    void parse(byte[] input) {
        String header = new String(input, StandardCharsets.ISO_8859_1);
        for (long length : LENGTHS) {
            ByteRange r = ByteRange.parse(header, length);
            assertNotNull(r);
            if (r.kind() == ByteRange.Kind.PARTIAL) {
                assertTrue(r.first() >= 0 && r.first() <= r.last() && r.last() < length, header + " / " + length + ": " + r);
                assertTrue(r.length() >= 1 && r.length() <= length);
            }
        }
    }

    /** Issue 19 (2): numbers beyond a long, as closed, suffix and open ranges. */
    @Test
    void overflowingNumbers() {
        assertEquals(new ByteRange(ByteRange.Kind.PARTIAL, 0, 999), ByteRange.parse("bytes=0-99999999999999999999", 1000));
        assertEquals(new ByteRange(ByteRange.Kind.PARTIAL, 0, 999), ByteRange.parse("bytes=-99999999999999999999", 1000));
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse("bytes=99999999999999999999-", 1000).kind());
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse("bytes=99999999999999999999-99999999999999999999", 1000).kind());
        assertEquals(new ByteRange(ByteRange.Kind.PARTIAL, 990, 999), ByteRange.parse("bytes=-10", 1000));
        assertEquals(new ByteRange(ByteRange.Kind.PARTIAL, 10, 19), ByteRange.parse("bytes=10-19", 1000));
        assertEquals(new ByteRange(ByteRange.Kind.PARTIAL, 995, 999), ByteRange.parse("bytes=995-", 1000));
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse("bytes=1000-", 1000).kind());
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse("bytes=-0", 1000).kind());
        for (String ignored : new String[] {"bytes=0-1,5-6", "items=0-1", "bytes=a-b", "bytes=-", "bytes=5-3", "bytes=--1", "bytes=1-2-3", ""}) {
            assertEquals(ByteRange.Kind.WHOLE, ByteRange.parse(ignored, 1000).kind(), ignored);
        }
    }
}
