package dev.amlaks.emulator.net;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigInteger;

/**
 * An IPv4 or IPv6 address or CIDR block, as ARM bodies carry them ({@code 10.0.0.0/16},
 * {@code 10.0.0.10}, {@code fd00::/8}), over Sean Foley's IPAddress library: a CIDR whose host
 * bits are set stands for its whole block, as Azure reads it.
 */
public final class IpRange {

    private final String text;
    private final IPAddress given;
    private final IPAddress block;
    private final boolean prefixed;

    private IpRange(String text, IPAddress given, IPAddress block, boolean prefixed) {
        this.text = text;
        this.given = given;
        this.block = block;
        this.prefixed = prefixed;
    }

    /** The range {@code text} names, or null when it is neither an address nor a CIDR. */
    public static IpRange parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        IPAddress a = new IPAddressString(text.trim()).getAddress();
        if (a == null) {
            return null;
        }
        return new IpRange(text.trim(), a, a.isPrefixed() ? a.toPrefixBlock() : a, a.isPrefixed());
    }

    public static boolean isValid(String text) {
        return parse(text) != null;
    }

    public boolean isIPv4() {
        return block.isIPv4();
    }

    /** Written with a prefix length ({@code /16}), not as a lone address. */
    public boolean isCidr() {
        return prefixed;
    }

    /** A CIDR written with host bits set ({@code 10.0.0.1/16}), which Azure's network refuses for address prefixes. */
    public boolean hasHostBits() {
        return prefixed && !given.withoutPrefixLength().getLower().equals(block.getLower().withoutPrefixLength());
    }

    /** The block as it should be written: its network address and prefix length ({@code 10.0.0.0/16}). */
    public String canonical() {
        return block.toCanonicalString();
    }

    /** One address: no prefix, or a full-length one ({@code /32}, {@code /128}). */
    public boolean isSingleAddress() {
        return block.getCount().equals(BigInteger.ONE);
    }

    /** Every address of {@code other} lies in this range (an IPv4 range never covers an IPv6 one, nor the reverse). */
    public boolean covers(IpRange other) {
        return block.getIPVersion() == other.block.getIPVersion() && block.contains(other.block);
    }

    /** The two share at least one address; two CIDR blocks do exactly when one holds the other. */
    public boolean overlaps(IpRange other) {
        return covers(other) || other.covers(this);
    }

    /** How many addresses {@code address} lies after this range's first (its network address). */
    public BigInteger offsetOf(IpRange address) {
        return address.block.getLower().getValue().subtract(block.getLower().getValue());
    }

    /** How many addresses the range holds. */
    public BigInteger size() {
        return block.getCount();
    }

    @Override
    public String toString() {
        return text;
    }
}
