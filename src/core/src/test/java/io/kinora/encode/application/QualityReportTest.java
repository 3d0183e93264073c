package io.kinora.encode.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class QualityReportTest {

    @Test
    void samplesSpreadOverTheVideo() {
        assertEquals(List.of(1, 5, 9, 13), QualityReport.sample(15, 4));
        assertEquals(List.of(0, 1), QualityReport.sample(2, 4), "never more than there are pieces");
        assertEquals(List.of(0), QualityReport.sample(1, 4));
    }
}
