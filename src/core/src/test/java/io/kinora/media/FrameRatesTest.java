package io.kinora.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameRatesTest {
    static List<Double> times(double... intervals) {
        List<Double> t = new ArrayList<>(List.of(0.0));
        for (int i = 0; i < 40; i++) for (double d : intervals) t.add(t.get(t.size() - 1) + d);
        return t;
    }

    @Test
    void constantRatesAreTheirOwn() {
        assertEquals(new Rational(25, 1), FrameRates.nominal(times(0.04), new Rational(25, 1), new Rational(25, 1)));
        assertEquals(new Rational(30000, 1001), FrameRates.nominal(times(1001 / 30000.0), new Rational(30000, 1001), null));
    }

    @Test
    void variableRateIsItsHighestNotItsAverage() {
        // 30 fps and 15 fps stretches: the average (22.5) is what frames / duration would say
        assertEquals(new Rational(30, 1), FrameRates.nominal(times(1 / 30.0, 1 / 30.0, 1 / 15.0), new Rational(30, 1),
                new Rational(45, 2)));
    }

    @Test
    void millisecondTimestampsAndFieldRatesSnapToTheFrameRate() {
        // Matroska rounds 23.976 fps to 41 and 42 ms
        assertEquals(new Rational(24000, 1001), FrameRates.nominal(times(0.042, 0.042, 0.041, 0.042), null, null));
        // interlaced: r_frame_rate is the field rate, the frames are 25 per second
        assertEquals(new Rational(25, 1), FrameRates.nominal(times(0.04), new Rational(50, 1), new Rational(25, 1)));
        // a phone's jittery 29.97
        assertEquals(new Rational(30000, 1001), FrameRates.nominal(times(0.031, 0.036, 0.033, 0.0335, 0.033, 0.034,
                0.0332, 0.0338, 0.0331, 0.0334), null, new Rational(30000, 1001)));
    }

    @Test
    void tooFewFramesTrustTheContainer() {
        assertEquals(new Rational(24, 1), FrameRates.nominal(List.of(0.0), new Rational(24, 1), new Rational(12, 1)));
    }
}
