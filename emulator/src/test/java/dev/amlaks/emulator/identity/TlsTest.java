package dev.amlaks.emulator.identity;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.TENANT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.testsupport.Https;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS certificate: generated and kept, extended with --tls-hosts, or supplied by the user. */
class TlsTest {

    @TempDir
    Path dir;

    private EmulatorConfig fileBacked() {
        return EmulatorConfig.forTests().toBuilder().inMemory(false).dataDir(dir.resolve("data")).authMode(AuthMode.STRICT).build();
    }

    private static String cert(Emulator e) {
        return given().baseUri(e.httpUrl()).get("/_emulator/cert.pem").then().statusCode(200).extract().asString();
    }

    private static String token(Emulator e) {
        return given().baseUri(e.httpUrl()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", "00000000-0000-4000-8000-00000000c001")
                .formParam("client_secret", "aml-aks-emulator-secret").formParam("scope", "https://management.azure.com/.default")
                .post("/" + TENANT + "/oauth2/v2.0/token").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    private static List<String> serverNames(Emulator e) throws Exception {
        try (SSLSocket s = (SSLSocket) Https.sslContext(e.trustPem()).getSocketFactory().createSocket("127.0.0.1", e.httpsPort())) {
            s.startHandshake();
            X509Certificate server = (X509Certificate) s.getSession().getPeerCertificates()[0];
            List<String> names = new ArrayList<>();
            for (List<?> san : server.getSubjectAlternativeNames()) {
                names.add(String.valueOf(san.get(1)));
            }
            return names;
        }
    }

    @Test
    void the_ca_and_the_signing_key_are_kept_in_the_data_directory_and_reused() throws Exception {
        String ca;
        String token;
        try (Emulator first = Emulator.start(fileBacked())) {
            ca = cert(first);
            token = token(first);
        }
        assertThat(Files.exists(dir.resolve("data/tls/ca.pem"))).isTrue();
        assertThat(Files.exists(dir.resolve("data/identity/signing-key.json"))).isTrue();
        try (Emulator second = Emulator.start(fileBacked())) {
            assertThat(cert(second)).isEqualTo(ca);
            // A token issued before the restart still verifies (strict mode): the key was kept.
            assertThat(new Https(second.trustPem()).get(second.httpsUrl() + "/subscriptions/" + SUB + "/resourcegroups?api-version="
                    + RG_API, token).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void in_memory_emulators_make_fresh_certificates() {
        try (Emulator a = Emulator.start(EmulatorConfig.forTests()); Emulator b = Emulator.start(EmulatorConfig.forTests())) {
            assertThat(cert(a)).isNotEqualTo(cert(b));
        }
    }

    @Test
    void extra_host_names_join_the_server_certificate_which_is_reissued_by_the_same_ca() throws Exception {
        String ca;
        try (Emulator plain = Emulator.start(fileBacked())) {
            ca = cert(plain);
            assertThat(serverNames(plain)).containsExactlyInAnyOrder("127.0.0.1", "localhost");
        }
        try (Emulator named = Emulator.start(fileBacked().toBuilder().tlsHosts(List.of("emulator.test", "10.1.2.3")).build())) {
            assertThat(serverNames(named)).containsExactlyInAnyOrder("127.0.0.1", "localhost", "emulator.test", "10.1.2.3");
            assertThat(cert(named)).isEqualTo(ca);
        }
    }

    @Test
    void a_user_supplied_certificate_and_key_are_served_instead() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        X500Name name = new X500Name("CN=user supplied");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(Instant.now().minus(1, ChronoUnit.DAYS)),
                Date.from(Instant.now().plus(30, ChronoUnit.DAYS)), name, keys.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        Path certFile = Files.writeString(dir.resolve("user.pem"), Certificates.pem(cert));
        Path keyFile = Files.writeString(dir.resolve("user-key.pem"), Certificates.pem(keys.getPrivate()));

        try (Emulator e = Emulator.start(EmulatorConfig.forTests().toBuilder().tlsCert(certFile, keyFile).build())) {
            assertThat(cert(e)).isEqualTo(Certificates.pem(cert));
            assertThat(new Https(cert(e)).get(e.httpsUrl() + "/_emulator/health", null).statusCode()).isEqualTo(200);
        }
    }
}
