package io.kinora.encode.application;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchThreadsCheckTest {
    @Test
    void thePoolMustHoldTheJobAndEveryPartition() {
        assertNull(BatchThreadsCheck.problem(8, 2));
        assertNull(BatchThreadsCheck.problem(3, 2));
        String p = BatchThreadsCheck.problem(1, 2);
        assertTrue(p.contains("kinora.batch.threads=1") && p.contains("at least 3"), p);
        assertTrue(BatchThreadsCheck.problem(4, 4).contains("at least 5"));
        assertNull(BatchThreadsCheck.problem(2, 1), "one core");
    }
}
