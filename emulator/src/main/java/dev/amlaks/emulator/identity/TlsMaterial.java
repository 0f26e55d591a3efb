package dev.amlaks.emulator.identity;

import javax.net.ssl.SSLContext;

/**
 * What the HTTPS connector serves: the server's TLS context (its key and chain, made where the keys
 * are read, off the start-up's main thread), and the PEM of the certificate a client must trust
 * (the emulator's CA, or the user's chain), served at {@code /_emulator/cert.pem}.
 */
public record TlsMaterial(SSLContext serverContext, String trustPem) {
}
