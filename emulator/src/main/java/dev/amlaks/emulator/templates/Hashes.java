package dev.amlaks.emulator.templates;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;

/**
 * The two deterministic name makers of the template language, with Azure's algorithms so a name
 * made here is the name Azure makes: {@code uniqueString} (the inputs joined by '-', hashed with
 * Azure's 64-bit MurmurHash variant, written as 13 base-32 characters) and {@code guid} (a version 5
 * UUID of the inputs joined by '-', in Azure's namespace).
 */
final class Hashes {

    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final UUID GUID_NAMESPACE = UUID.fromString("11fb06fb-712d-4ddd-98c7-e71bbd588830");
    private static final int C1 = 0x239b961b;
    private static final int C2 = 0xab0e9789;

    private Hashes() {
    }

    static String uniqueString(List<String> parts) {
        long hash = murmur64(String.join("-", parts).getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder(13);
        for (int i = 0; i < 13; i++) {
            out.append(BASE32.charAt((int) (hash >>> 59)));
            hash <<= 5;
        }
        return out.toString();
    }

    static String guid(List<String> parts) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(GUID_NAMESPACE.getMostSignificantBits()).putLong(GUID_NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] h = sha1.digest(String.join("-", parts).getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }

    /** Azure's MurmurHash variant: two 32-bit lanes over 8-byte blocks, seed 0, the lanes mixed into one 64-bit value. */
    static long murmur64(byte[] data) {
        int length = data.length;
        int h1 = 0;
        int h2 = 0;
        int i = 0;
        for (; i + 7 < length; i += 8) {
            int k1 = le(data, i, 4);
            int k2 = le(data, i + 4, 4);
            h1 ^= Integer.rotateLeft(k1 * C1, 15) * C2;
            h1 = Integer.rotateLeft(h1, 19) + h2;
            h1 = h1 * 5 + 0x561ccd1b;
            h2 ^= Integer.rotateLeft(k2 * C2, 17) * C1;
            h2 = Integer.rotateLeft(h2, 13) + h1;
            h2 = h2 * 5 + 0x0bcaa747;
        }
        int tail = length - i;
        if (tail > 0) {
            h1 ^= Integer.rotateLeft(le(data, i, Math.min(tail, 4)) * C1, 15) * C2;
            if (tail > 4) {
                h2 ^= Integer.rotateLeft(le(data, i + 4, tail - 4) * C2, 17) * C1;
            }
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = mix(h1);
        h2 = mix(h2);
        h1 += h2;
        h2 += h1;
        return ((long) h2 << 32) | (h1 & 0xffffffffL);
    }

    private static int le(byte[] data, int from, int count) {
        int v = 0;
        for (int b = 0; b < count; b++) {
            v |= (data[from + b] & 0xff) << (8 * b);
        }
        return v;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
