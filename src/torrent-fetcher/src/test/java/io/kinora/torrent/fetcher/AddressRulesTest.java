package io.kinora.torrent.fetcher;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressRulesTest {
    @Test
    void rangesOfCidrBlocks() {
        AddressRules.Range r = AddressRules.range("10.0.0.0/8", true);
        assertEquals("10.0.0.0", r.first().getHostAddress());
        assertEquals("10.255.255.255", r.last().getHostAddress());
        AddressRules.Range one = AddressRules.range("127.0.0.1", false);
        assertEquals(one.first(), one.last());
        AddressRules.Range v6 = AddressRules.range("fc00::/7", true);
        assertEquals("fc00:0:0:0:0:0:0:0", v6.first().getHostAddress());
        assertEquals("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", v6.last().getHostAddress());
        AddressRules.Range compat = AddressRules.range("::/96", true); // stays IPv6, never becomes 0.0.0.0/0
        assertEquals(16, compat.last().getAddress().length);
    }

    @Test
    void internalFirstThenAllowed() {
        List<AddressRules.Range> r = AddressRules.ranges(List.of("127.0.0.1", "192.168.1.0/24"));
        assertTrue(r.subList(0, AddressRules.INTERNAL.size()).stream().allMatch(AddressRules.Range::blocked));
        assertFalse(r.get(r.size() - 1).blocked());
        assertThrows(IllegalArgumentException.class, () -> AddressRules.range("example.com", false));
        assertThrows(IllegalArgumentException.class, () -> AddressRules.range("10.0.0.0/33", false));
    }

    @Test
    void options() {
        Options o = Options.parse(new String[] {"--magnet=magnet:?xt=urn:btih:ab&x.pe=1.2.3.4:5", "--save=/tmp/x",
                "--files=0,3", "--allow=127.0.0.1"});
        assertEquals(List.of(0, 3), o.files());
        assertFalse(o.dht() || o.lsd() || o.upnp() || o.natpmp(), "everything that reaches out is off by default");
        assertFalse(o.seeding());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--save=/x"}));
    }
}
