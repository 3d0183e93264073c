package io.kinora.torrent.fetcher;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The import address policy as IP ranges for libtorrent's ip_filter, which applies it to every connection the
 * session makes or accepts: peers (from trackers, PEX, the magnet), trackers ({@code apply_ip_filter_to_trackers})
 * and web seeds. Internal ranges are blocked (the same families the server's UrlPolicy refuses); the ranges the
 * operator allowed ({@code kinora.import.allowed-hosts}, host names resolved by the server) are opened again after.
 * IPv6 ranges that embed IPv4 (IPv4-compatible, NAT64, 6to4) are blocked as a whole; libtorrent filters IPv4-mapped
 * addresses as IPv4.
 */
final class AddressRules {
    record Range(InetAddress first, InetAddress last, boolean blocked) { }

    static final List<String> INTERNAL = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "64:ff9b::/96", "2002::/16", "fc00::/7", "fe80::/10", "ff00::/8", "::1/128");

    private AddressRules() { }

    /** Blocks first, then the allowed ranges (a later rule overrides an earlier one over the range it covers). */
    static List<Range> ranges(List<String> allowed) {
        List<Range> out = new ArrayList<>();
        for (String c : INTERNAL) out.add(range(c, true));
        for (String c : allowed) out.add(range(c, false));
        return out;
    }

    static Range range(String cidr, boolean blocked) {
        String c = cidr.strip();
        if (c.startsWith("[")) c = c.replace("[", "").replace("]", "");
        int slash = c.indexOf('/');
        String ip = slash < 0 ? c : c.substring(0, slash);
        byte[] addr;
        try {
            addr = InetAddress.getByName(ip).getAddress(); // literals only: the server resolves host names
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + cidr);
        }
        int bits = addr.length * 8;
        int prefix = slash < 0 ? bits : Integer.parseInt(c.substring(slash + 1));
        if (prefix < 0 || prefix > bits) throw new IllegalArgumentException("bad prefix: " + cidr);
        BigInteger value = new BigInteger(1, addr);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = value.andNot(hostMask);
        BigInteger last = first.or(hostMask);
        return new Range(toAddress(first, addr.length), toAddress(last, addr.length), blocked);
    }

    private static InetAddress toAddress(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        try {
            // Inet6Address.getByAddress keeps ::ffff:a.b.c.d an IPv6 address (InetAddress would make it IPv4)
            return length == 16 ? java.net.Inet6Address.getByAddress(null, out, -1) : InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
