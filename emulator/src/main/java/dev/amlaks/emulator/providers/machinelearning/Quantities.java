package dev.amlaks.emulator.providers.machinelearning;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities as deployments and instance types write them ({@code "500m"},
 * {@code "1.5"}, {@code "2Gi"}, {@code "512M"}): CPU in millicores, memory in bytes. Only the
 * suffixes of Kubernetes' quantity grammar are accepted; anything else is refused with its field.
 */
final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)(m|k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?$");
    private static final Map<String, BigDecimal> FACTORS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE), Map.entry("m", new BigDecimal("0.001")), Map.entry("k", BigDecimal.TEN.pow(3)),
            Map.entry("M", BigDecimal.TEN.pow(6)), Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)), Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)), Map.entry("Pi", BigDecimal.valueOf(1L << 50)));

    private Quantities() {
    }

    /** CPU in millicores: {@code "1"} is 1000, {@code "250m"} is 250. */
    static long millicores(String quantity, String field) {
        return whole(value(quantity, field).multiply(BigDecimal.valueOf(1000)), quantity, field);
    }

    /** Memory in bytes: {@code "2Gi"} is 2147483648, {@code "1G"} is 1000000000. */
    static long bytes(String quantity, String field) {
        return whole(value(quantity, field), quantity, field);
    }

    /** Rounded up; a value no node could ever hold (beyond a long) is refused like a malformed one. */
    private static long whole(BigDecimal v, String quantity, String field) {
        try {
            return v.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        } catch (ArithmeticException e) {
            throw MlErrors.notAQuantity(field, quantity);
        }
    }

    private static BigDecimal value(String quantity, String field) {
        Matcher m = QUANTITY.matcher(quantity == null ? "" : quantity.trim());
        if (!m.matches()) {
            throw MlErrors.notAQuantity(field, quantity);
        }
        return new BigDecimal(m.group(1)).multiply(FACTORS.get(m.group(2) == null ? "" : m.group(2)));
    }

    /** Bytes as Kubernetes writes them in its messages ({@code 3.2Gi}). */
    static String gibibytes(long bytes) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1L << 30), 1, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + "Gi";
    }
}
