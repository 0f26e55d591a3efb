package dev.amlaks.conformance;

import java.nio.file.Path;

/**
 * Where a conformance suite points and how it logs in: an emulator (in-process by default, or one
 * running elsewhere) or real Azure. The same suites run against each; see conformance-tests/README.md.
 *
 * @param armUrl        the ARM endpoint, with a trailing slash ({@code https://127.0.0.1:8443/})
 * @param authorityHost where tokens come from ({@code https://127.0.0.1:8443}, {@code https://login.microsoftonline.com})
 * @param caPem         a PEM file the clients must trust (null: the system's trust store)
 * @param emulator      true for an emulator: clients register it as a custom cloud and may not leave the machine
 * @param controlUrl    the emulator's HTTP base URL, for its control API (null for real Azure)
 */
public record Target(String armUrl, String authorityHost, String tenantId, String subscriptionId, String clientId,
                     String clientSecret, Path caPem, boolean emulator, String controlUrl) {

    /** The ARM endpoint without its trailing slash. */
    public String armBase() {
        return armUrl.endsWith("/") ? armUrl.substring(0, armUrl.length() - 1) : armUrl;
    }
}
