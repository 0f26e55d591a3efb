package dev.amlaks.emulator.identity;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The emulator's TLS certificates, made with BouncyCastle. At first start it creates a local CA
 * and a server certificate signed by it (subjectAltName IP:127.0.0.1, DNS:localhost and any
 * extra host names), keeps them in the data directory and reuses them on restart; a server
 * certificate whose names no longer match the flags, or that is about to expire, is re-issued
 * by the same CA, so clients keep trusting it. Validity dates use real time: TLS clients check
 * them against their own clocks.
 */
public final class Certificates {

    private static final char[] PASSWORD = "aml-aks-emulator".toCharArray();
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(397);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Pattern IP = Pattern.compile("^[0-9.]+$|^[0-9a-fA-F:]+:[0-9a-fA-F:.]*$");

    private Certificates() {
    }

    /**
     * The CA and server certificate for {@code hosts}: kept in {@code dir} (created if missing),
     * or made fresh for this run when {@code dir} is null (in-memory emulators).
     */
    /** What a kept file reads as, or the error naming the file and what to do when it is damaged. */
    private interface Reader<T> {
        T read() throws Exception;
    }

    private static X509Certificate first(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalStateException("no certificate in it");
        }
        return chain.get(0);
    }

    private static <T> T kept(Path file, Reader<T> reader) {
        try {
            T value = reader.read();
            if (value == null) {
                throw new IllegalStateException("no PEM object in it");
            }
            return value;
        } catch (Exception e) {
            throw new IllegalStateException("the TLS file " + file + " is damaged (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + "): restore it, or delete the directory " + file.getParent() + " to have a new CA and"
                    + " certificate made at the next start (clients must then trust the new " + file.getParent().resolve("ca.pem") + ")", e);
        }
    }

    public static TlsMaterial generated(Path dir, List<String> hosts) {
        try {
            Set<String> names = names(hosts);
            KeyPair caKeys;
            X509Certificate ca;
            if (dir != null && Files.isRegularFile(dir.resolve("ca.pem")) && Files.isRegularFile(dir.resolve("ca-key.pem"))) {
                ca = kept(dir.resolve("ca.pem"), () -> first(readCertificates(Files.readString(dir.resolve("ca.pem")))));
                caKeys = new KeyPair(ca.getPublicKey(), kept(dir.resolve("ca-key.pem"), () -> readKey(Files.readString(dir.resolve("ca-key.pem")))));
            } else {
                caKeys = newKeyPair();
                ca = caCertificate(caKeys);
                if (dir != null) {
                    Files.createDirectories(dir);
                    write(dir.resolve("ca.pem"), pem(ca));
                    writePrivate(dir.resolve("ca-key.pem"), pem(caKeys.getPrivate()));
                }
            }
            X509Certificate server = null;
            PrivateKey serverKey = null;
            if (dir != null && Files.isRegularFile(dir.resolve("server.pem")) && Files.isRegularFile(dir.resolve("server-key.pem"))) {
                X509Certificate kept = kept(dir.resolve("server.pem"), () -> first(readCertificates(Files.readString(dir.resolve("server.pem")))));
                if (stillGood(kept, ca, names)) {
                    server = kept;
                    serverKey = kept(dir.resolve("server-key.pem"), () -> readKey(Files.readString(dir.resolve("server-key.pem"))));
                }
            }
            if (server == null) {
                KeyPair keys = newKeyPair();
                server = serverCertificate(keys, caKeys.getPrivate(), ca, names);
                serverKey = keys.getPrivate();
                if (dir != null) {
                    write(dir.resolve("server.pem"), pem(server) + pem(ca));
                    writePrivate(dir.resolve("server-key.pem"), pem(serverKey));
                }
            }
            return new TlsMaterial(serverContext(serverKey, List.of(server, ca)), pem(ca));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the TLS certificates in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the TLS certificates: " + e.getMessage(), e);
        }
    }

    /** A certificate chain and key the user supplied (PEM files); clients trust the last certificate of the chain. */
    public static TlsMaterial supplied(Path certFile, Path keyFile) {
        try {
            List<X509Certificate> chain = readCertificates(Files.readString(certFile));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("--tls-cert " + certFile + " holds no PEM certificate");
            }
            PrivateKey key = readKey(Files.readString(keyFile));
            StringBuilder trust = new StringBuilder();
            trust.append(pem(chain.get(chain.size() - 1)));
            return new TlsMaterial(serverContext(key, chain), trust.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TLS certificate or key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the TLS certificate or key is not usable: " + e.getMessage(), e);
        }
    }

    private static Set<String> names(List<String> hosts) {
        Set<String> names = new LinkedHashSet<>(List.of("127.0.0.1", "localhost"));
        for (String h : hosts) {
            if (h != null && !h.isBlank()) {
                names.add(h.trim());
            }
        }
        return names;
    }

    private static boolean stillGood(X509Certificate cert, X509Certificate ca, Set<String> names) throws GeneralSecurityException {
        try {
            cert.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return false;
        }
        if (cert.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
            return false;
        }
        Set<String> present = new LinkedHashSet<>();
        if (cert.getSubjectAlternativeNames() != null) {
            for (List<?> san : cert.getSubjectAlternativeNames()) {
                present.add(String.valueOf(san.get(1)));
            }
        }
        return present.containsAll(names);
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    private static X509Certificate caCertificate(KeyPair keys) throws GeneralSecurityException, OperatorCreationException,
            IOException {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=aml-aks-emulator local CA,O=aml-aks-emulator");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(CA_VALIDITY)), subject, keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        return sign(b.build(signer(keys.getPrivate())));
    }

    private static X509Certificate serverCertificate(KeyPair keys, PrivateKey caKey, X509Certificate ca, Set<String> names)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(SERVER_VALIDITY)), new X500Name("CN=aml-aks-emulator"), keys.getPublic());
        List<GeneralName> sans = new ArrayList<>();
        for (String n : names) {
            sans.add(IP.matcher(n).matches() && isAddress(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
        return sign(b.build(signer(caKey)));
    }

    private static boolean isAddress(String n) {
        try {
            return InetAddress.getByName(n).getHostAddress() != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    }

    private static X509Certificate sign(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
    }

    /**
     * The server's TLS context for this key and chain. The key store holding them lives only in memory:
     * JKS, whose key protection costs nothing, where PKCS12 would spend 20,000 PBKDF2 rounds of start-up
     * sealing the key and opening it again for a password nobody else ever sees.
     */
    private static SSLContext serverContext(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("JKS");
        ks.load(null, null);
        ks.setKeyEntry("server", key, PASSWORD, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(ks, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    static List<X509Certificate> readCertificates(String pem) throws IOException, GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(sign(h));
                }
            }
        }
        return out;
    }

    /**
     * An EC or RSA key through the JDK's own key factories. BouncyCastle's converter asks the JCA for
     * "ECDSA", which no JDK provider has: the search then walks the provider list to its end, where a
     * provider missing from a cut-down runtime makes the JDK instantiate every provider on the class
     * path, BouncyCastle's included, a tenth of a second of curve set-up on the start path.
     */
    private static PrivateKey privateKey(PrivateKeyInfo info, JcaPEMKeyConverter conv) throws IOException {
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        String name = X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm) ? "EC"
                : PKCSObjectIdentifiers.rsaEncryption.equals(algorithm) ? "RSA" : null;
        if (name == null) {
            return conv.getPrivateKey(info);
        }
        try {
            return KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("the " + name + " private key cannot be read: " + e.getMessage(), e);
        }
    }

    static PrivateKey readKey(String pem) throws IOException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o;
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            while ((o = p.readObject()) != null) {
                if (o instanceof PEMKeyPair kp) {
                    return privateKey(kp.getPrivateKeyInfo(), conv);
                }
                if (o instanceof PrivateKeyInfo info) {
                    return privateKey(info, conv);
                }
            }
        }
        throw new IOException("no unencrypted PEM private key found");
    }

    public static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            if (o instanceof PrivateKey key) {
                // PKCS#8 ("PRIVATE KEY"): what OpenSSL, Node and Jetty all read, whatever the key type.
                pw.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
            } else {
                pw.writeObject(o);
            }
        }
        return w.toString();
    }

    private static void write(Path p, String content) throws IOException {
        Files.writeString(p, content);
    }

    private static void writePrivate(Path p, String content) throws IOException {
        Files.writeString(p, content);
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }
}
