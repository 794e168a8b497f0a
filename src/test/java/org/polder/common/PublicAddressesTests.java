package org.polder.common;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which addresses count as public, after the IANA special-purpose registries. */
class PublicAddressesTests {

    static boolean isPublic(String address) throws Exception {
        return PublicAddresses.isPublic(InetAddress.getByName(address));
    }

    @Test
    void refusesEverySpecialPurposeAddressFoundByProbing() throws Exception {
        for (String a : List.of("fd00::1", "fc00::1", "fd00:ec2::254", "100.64.0.1", "100.100.100.200", "198.18.0.1", "::127.0.0.1",
                "64:ff9b::7f00:1")) {
            assertThat(isPublic(a)).as(a).isFalse();
        }
    }

    @Test
    void refusesPrivateLoopbackLinkLocalMulticastReservedAndDocumentation() throws Exception {
        for (String a : List.of("0.0.0.0", "10.1.2.3", "127.0.0.1", "127.255.0.9", "169.254.169.254", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "192.0.0.8", "192.0.2.1", "198.51.100.7", "203.0.113.9", "224.0.0.251", "239.1.1.1", "240.0.0.1",
                "255.255.255.255", "::", "::1", "::ffff:10.0.0.1", "fe80::1", "fec0::1", "ff02::1", "100::1",
                "64:ff9b:1::1", "2001:db8::1", "2001::1", "2001:2::1", "2002:7f00:1::", "2002:a00:1::", "3fff::1")) {
            assertThat(isPublic(a)).as(a).isFalse();
        }
    }

    @Test
    void acceptsGloballyReachableAddresses() throws Exception {
        for (String a : List.of("8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1", "198.20.0.1", "2606:4700:4700::1111",
                "2a00:1450:4001:80b::200e", "2002:808:808::")) {
            assertThat(isPublic(a)).as(a).isTrue();
        }
    }
}
