package io.kinora.security.application;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 19 (1): failures per account and per client, growing delays, the same answer for unknown accounts. */
class PasswordGuardTest {
    long now = 1_000_000;

    PasswordGuard guard() {
        PasswordGuard g = new PasswordGuard();
        g.clock = () -> now;
        g.exempt = Set.of("127.0.0.1");
        return g;
    }

    @Test
    void delaysGrowPerAccountAcrossClients() {
        PasswordGuard g = guard();
        for (int i = 0; i < 5; i++) {
            assertTrue(g.shut("alice", "198.51.100." + i).isEmpty());
            g.failed("alice", "198.51.100." + i);
        }
        assertTrue(g.shut("alice", "203.0.113.9").isEmpty(), "five failures are free");
        g.failed("alice", "203.0.113.9");
        assertEquals(1, g.shut("alice", "192.0.2.1").getAsLong(), "the sixth shuts the account for 1 s, for every client");
        now += 1000;
        assertTrue(g.shut("alice", "192.0.2.1").isEmpty());
        g.failed("alice", "192.0.2.1");
        assertEquals(2, g.shut("alice", "192.0.2.1").getAsLong());
        now += 2000;
        g.failed("alice", "192.0.2.1");
        assertEquals(4, g.shut("alice", "192.0.2.1").getAsLong());
        assertTrue(g.shut("bob", "192.0.2.2").isEmpty(), "other accounts are not affected");
        now += 4000;
        g.succeeded("alice", "192.0.2.1");
        assertTrue(g.shut("alice", "192.0.2.1").isEmpty());
        g.failed("alice", "192.0.2.1");
        assertTrue(g.shut("alice", "192.0.2.1").isEmpty(), "a success starts afresh");
    }

    @Test
    void aClientSprayingManyAccountsIsShut() {
        PasswordGuard g = guard();
        for (int i = 0; i < 31; i++) g.failed("user" + i, "198.51.100.7"); // 30 are free
        assertTrue(g.shut("someone-else", "198.51.100.7").isPresent());
        assertTrue(g.shut("someone-else", "198.51.100.8").isEmpty());
        for (int i = 0; i < 31; i++) g.failed("user" + i, "127.0.0.1");
        assertTrue(g.shut("someone-else", "127.0.0.1").isEmpty(), "exempt addresses count per account only");
    }

    @Test
    void unknownAccountsLookTheSame() {
        PasswordGuard g = guard();
        for (int i = 0; i < 8; i++) {
            g.failed("alice", "198.51.100.1");
            g.failed("nobody-at-all", "198.51.100.2");
        }
        assertEquals(g.shut("alice", "192.0.2.3"), g.shut("nobody-at-all", "192.0.2.3"));
    }

    @Test
    void delayIsCapped() {
        PasswordGuard g = guard();
        for (int i = 0; i < 200; i++) g.failed("alice", null);
        assertEquals(15 * 60, g.shut("alice", null).getAsLong());
    }
}
