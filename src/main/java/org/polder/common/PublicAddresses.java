package org.polder.common;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Whether an IP address is globally reachable, after the IANA IPv4 and IPv6 special-purpose address
 * registries: anything that a server inside the platform's own network could answer on (loopback,
 * private, shared CGNAT, link-local, unique local, benchmarking, documentation, multicast, reserved),
 * and any IPv6 address that carries such an IPv4 address inside it (mapped, compatible, NAT64, 6to4,
 * Teredo), is not public. Used to keep requests that Polder sends on someone's behalf (webhooks) out of
 * its own network.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    /** IPv4 blocks that are not globally reachable (RFC 6890 and the IANA registry). */
    private static final List<Block> IPV4 = List.of(
            block("0.0.0.0", 8),          // "this network"
            block("10.0.0.0", 8),         // private
            block("100.64.0.0", 10),      // shared address space (carrier-grade NAT)
            block("127.0.0.0", 8),        // loopback
            block("169.254.0.0", 16),     // link-local (cloud metadata services live here)
            block("172.16.0.0", 12),      // private
            block("192.0.0.0", 24),       // IETF protocol assignments
            block("192.0.2.0", 24),       // documentation
            block("192.31.196.0", 24),    // AS112
            block("192.52.193.0", 24),    // AMT
            block("192.88.99.0", 24),     // deprecated 6to4 relay anycast
            block("192.168.0.0", 16),     // private
            block("192.175.48.0", 24),    // direct delegation AS112
            block("198.18.0.0", 15),      // benchmarking
            block("198.51.100.0", 24),    // documentation
            block("203.0.113.0", 24),     // documentation
            block("224.0.0.0", 4),        // multicast
            block("240.0.0.0", 4));       // reserved, and the limited broadcast address

    /** IPv6 blocks that are not globally reachable, inside 2000::/3 (everything outside it is refused anyway). */
    private static final List<Block> IPV6_GLOBAL_EXCEPTIONS = List.of(
            block("2001::", 23),          // IETF protocol assignments: Teredo, benchmarking, ORCHID ...
            block("2001:db8::", 32),      // documentation
            block("3fff::", 20));         // documentation

    public static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return IPV4.stream().noneMatch(b -> b.contains(bytes));
        }
        if (!(address instanceof Inet6Address)) {
            return false;
        }
        // Only global unicast (2000::/3) is routed on the internet; this leaves out ::, ::1, IPv4-mapped and
        // -compatible addresses, 64:ff9b::/96 and 64:ff9b:1::/48 (NAT64), 100::/64 (discard), fc00::/7 (unique
        // local), fe80::/10 (link-local), fec0::/10 (old site-local) and ff00::/8 (multicast).
        if ((bytes[0] & 0xE0) != 0x20) {
            return false;
        }
        if (IPV6_GLOBAL_EXCEPTIONS.stream().anyMatch(b -> b.contains(bytes))) {
            return false;
        }
        if ((bytes[0] & 0xFF) == 0x20 && (bytes[1] & 0xFF) == 0x02) {
            // 6to4: 2002:WWXX:YYZZ::/48 carries the IPv4 address WW.XX.YY.ZZ, which must be public itself.
            return isPublic(ipv4(bytes[2], bytes[3], bytes[4], bytes[5]));
        }
        return true;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[]{a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Block block(String address, int prefix) {
        try {
            return new Block(InetAddress.getByName(address).getAddress(), prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
