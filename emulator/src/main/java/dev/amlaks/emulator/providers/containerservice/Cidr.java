package dev.amlaks.emulator.providers.containerservice;

import java.util.regex.Pattern;

/** IPv4 CIDR arithmetic for authorized IP ranges and Azure ML's networking checks. */
public final class Cidr {

    private static final Pattern V4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(/(\\d{1,2}))?$");

    private final long base;
    private final int bits;

    private Cidr(long base, int bits) {
        this.base = base;
        this.bits = bits;
    }

    /** Parses {@code a.b.c.d/n} or a bare address ({@code /32}); null when it is neither. */
    public static Cidr parse(String s) {
        if (s == null) {
            return null;
        }
        var m = V4.matcher(s.trim());
        if (!m.matches()) {
            return null;
        }
        long addr = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return null;
            }
            addr = (addr << 8) | octet;
        }
        int bits = m.group(6) == null ? 32 : Integer.parseInt(m.group(6));
        if (bits > 32) {
            return null;
        }
        return new Cidr(addr & mask(bits), bits);
    }

    public static boolean isCidrOrAddress(String s) {
        return parse(s) != null;
    }

    private static long mask(int bits) {
        return bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    }

    /** Whether every address of {@code other} lies inside this range. */
    public boolean covers(Cidr other) {
        return other.bits >= bits && (other.base & mask(bits)) == base;
    }

    /** Whether the two ranges share any address. */
    public boolean overlaps(Cidr other) {
        int b = Math.min(bits, other.bits);
        return (base & mask(b)) == (other.base & mask(b));
    }

    /** How far {@code address} lies from the range's first address (0 for the network address itself). */
    public long offsetOf(Cidr address) {
        return address.base - base;
    }

    /** The number of addresses in the range. */
    public long size() {
        return 1L << (32 - bits);
    }

    public boolean isSingleAddress() {
        return bits == 32;
    }

    public int bits() {
        return bits;
    }
}
