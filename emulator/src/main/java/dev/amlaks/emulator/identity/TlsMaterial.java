package dev.amlaks.emulator.identity;

import java.security.KeyStore;

/**
 * What the HTTPS connector serves: a key store holding the server key and its chain, and the PEM
 * of the certificate a client must trust (the emulator's CA, or the user's chain), served at
 * {@code /_emulator/cert.pem}.
 */
public record TlsMaterial(KeyStore keyStore, char[] password, String trustPem, String origin) {
}
