package dev.amlaks.conformance.javasdk;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.resources.ResourceManager;
import dev.amlaks.conformance.Target;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Azure SDK for Java pointed at a target: an HTTP client trusting the target's CA, a
 * {@code ClientSecretCredential} against its token endpoint (instance discovery off, which an
 * emulator needs), and a custom {@link AzureEnvironment} for an emulator's ARM URL.
 */
// tag::java-setup[]
public final class JavaSdk {

    private JavaSdk() {
    }

    /** Netty, trusting the CA the emulator serves at /_emulator/cert.pem (or the system's store for Azure). */
    public static HttpClient httpClient(Target target) throws Exception {
        if (target.caPem() == null) {
            return HttpClient.createDefault();
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(target.caPem())))) {
            trust.setCertificateEntry("emulator-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                .secure(ssl -> ssl.sslContext(uncheckedSslContext(tmf)))).build();
    }

    public static TokenCredential credential(Target target, HttpClient http) {
        ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder()
                .tenantId(target.tenantId()).clientId(target.clientId()).clientSecret(target.clientSecret())
                .authorityHost(target.authorityHost()).httpClient(http);
        return target.emulator() ? b.disableInstanceDiscovery().build() : b.build();
    }

    /** The resource manager for the target's subscription, through {@code http} and {@code credential}. */
    public static ResourceManager resources(Target target, HttpClient http, TokenCredential credential) {
        return ResourceManager.configure().withHttpClient(http).authenticate(credential, profile(target))
                .withSubscription(target.subscriptionId());
    }

    public static ContainerServiceManager containerService(Target target, HttpClient http, TokenCredential credential) {
        return ContainerServiceManager.configure().withHttpClient(http).authenticate(credential, profile(target));
    }

    public static AzureProfile profile(Target target) {
        if (!target.emulator()) {
            return new AzureProfile(target.tenantId(), target.subscriptionId(), AzureEnvironment.AZURE);
        }
        Map<String, String> endpoints = new HashMap<>();
        endpoints.put("resourceManagerEndpointUrl", target.armUrl());
        endpoints.put("managementEndpointUrl", "https://management.core.windows.net/");
        endpoints.put("activeDirectoryEndpointUrl", target.authorityHost() + "/");
        return new AzureProfile(target.tenantId(), target.subscriptionId(), new AzureEnvironment(endpoints));
    }

    private static io.netty.handler.ssl.SslContext uncheckedSslContext(TrustManagerFactory tmf) {
        try {
            return SslContextBuilder.forClient().trustManager(tmf).build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
// end::java-setup[]
