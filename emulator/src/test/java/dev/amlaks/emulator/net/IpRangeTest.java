package dev.amlaks.emulator.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Address and CIDR arithmetic as ARM bodies need it, for IPv4 and IPv6. */
class IpRangeTest {

    @Test
    void addresses_and_cidrs_of_both_families_parse_and_anything_else_does_not() {
        assertThat(IpRange.parse("10.0.0.0/16")).isNotNull().satisfies(r -> {
            assertThat(r.isIPv4()).isTrue();
            assertThat(r.isCidr()).isTrue();
            assertThat(r.size()).isEqualTo(BigInteger.valueOf(65536));
        });
        assertThat(IpRange.parse("10.0.0.10").isSingleAddress()).isTrue();
        assertThat(IpRange.parse("fd00::/8").isIPv4()).isFalse();
        assertThat(IpRange.parse("10.0.0.300")).isNull();
        assertThat(IpRange.parse("not an address")).isNull();
        assertThat(IpRange.parse("")).isNull();
        assertThat(IpRange.isValid("2001:db8::1")).isTrue();
    }

    @Test
    void a_cidr_with_host_bits_set_stands_for_its_whole_block() {
        IpRange bridge = IpRange.parse("172.17.0.1/16");
        assertThat(bridge.covers(IpRange.parse("172.17.255.255"))).isTrue();
        assertThat(bridge.size()).isEqualTo(BigInteger.valueOf(65536));
    }

    @Test
    void covering_overlapping_and_offsets() {
        IpRange service = IpRange.parse("10.0.0.0/16");
        assertThat(service.covers(IpRange.parse("10.0.0.10"))).isTrue();
        assertThat(service.offsetOf(IpRange.parse("10.0.0.10"))).isEqualTo(BigInteger.TEN);
        assertThat(service.covers(IpRange.parse("10.1.0.0/24"))).isFalse();
        assertThat(service.overlaps(IpRange.parse("10.0.128.0/17"))).isTrue();
        assertThat(IpRange.parse("10.0.128.0/17").overlaps(service)).isTrue();
        assertThat(service.overlaps(IpRange.parse("172.17.0.0/16"))).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").covers(IpRange.parse("20.1.2.3/32"))).isTrue();
        assertThat(IpRange.parse("::/0").covers(IpRange.parse("10.0.0.1"))).as("families never cover each other").isFalse();
        assertThat(IpRange.parse("fd00::/8").covers(IpRange.parse("fd12:3456::1"))).isTrue();
    }

    @Test
    void a_cidr_with_host_bits_is_told_apart_from_its_network_address() {
        assertThat(IpRange.parse("10.0.0.1/16").hasHostBits()).isTrue();
        assertThat(IpRange.parse("10.0.0.1/16").canonical()).isEqualTo("10.0.0.0/16");
        assertThat(IpRange.parse("10.0.0.0/16").hasHostBits()).isFalse();
        assertThat(IpRange.parse("10.241.0.0/12").hasHostBits()).isTrue();
        assertThat(IpRange.parse("fd00::/8").hasHostBits()).isFalse();
        assertThat(IpRange.parse("10.0.0.7").hasHostBits()).isFalse();
    }
}
