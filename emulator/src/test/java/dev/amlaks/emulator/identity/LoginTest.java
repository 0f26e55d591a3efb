package dev.amlaks.emulator.identity;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.TENANT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Https;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Entra-shaped login: OpenID metadata, signing keys, instance discovery, client-credentials tokens, over HTTPS. */
class LoginTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String CLIENT = "00000000-0000-4000-8000-00000000c001";
    private static final String SECRET = "aml-aks-emulator-secret";

    private static Https https() {
        return new Https(EMULATOR.emulator().trustPem());
    }

    private static String httpsUrl() {
        return EMULATOR.emulator().httpsUrl();
    }

    private static HttpResponse<String> postForm(String path, String form, String basic) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(httpsUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basic != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return https().send(b.build());
    }

    private static String form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    @Test
    void https_serves_the_same_api_with_a_certificate_chained_to_the_served_ca() throws Exception {
        HttpResponse<String> r = https().get(httpsUrl() + "/_emulator/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"ready\"").contains("\"https\":\"" + httpsUrl() + "\"");
        given().baseUri(EMULATOR.url()).get("/_emulator/cert.pem").then().statusCode(200)
                .body(startsWith("-----BEGIN CERTIFICATE-----"));
        // Also by name: the certificate names localhost next to 127.0.0.1.
        assertThat(https().get(httpsUrl().replace("127.0.0.1", "localhost") + "/_emulator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void absolute_urls_use_the_scheme_and_host_of_the_request() throws Exception {
        HttpResponse<String> r = https().send(HttpRequest.newBuilder(URI.create(httpsUrl() + "/subscriptions/" + SUB
                        + "/resourcegroups/tls?api-version=2021-04-01")).header("Authorization", "Bearer x")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"location\":\"westus\"}")).build());
        assertThat(r.statusCode()).isEqualTo(201);
        HttpResponse<String> d = https().send(HttpRequest.newBuilder(URI.create(httpsUrl() + "/subscriptions/" + SUB
                + "/resourcegroups/tls?api-version=2021-04-01")).header("Authorization", "Bearer x").DELETE().build());
        assertThat(d.statusCode()).isEqualTo(202);
        assertThat(d.headers().firstValue("Location").orElseThrow()).startsWith(httpsUrl() + "/subscriptions/");
        assertThat(d.headers().firstValue("Azure-AsyncOperation")).as("ARM answers a group's delete with Location alone").isEmpty();
        HttpResponse<String> meta = https().get(httpsUrl() + "/metadata/endpoints?api-version=2015-01-01", null);
        assertThat(meta.body()).contains("\"loginEndpoint\":\"" + httpsUrl() + "/adfs\"");
    }

    @Test
    void the_adfs_openid_configuration_points_at_the_emulator() throws Exception {
        JsonPath doc = new JsonPath(https().get(httpsUrl() + "/adfs/.well-known/openid-configuration", null).body());
        assertThat(doc.getString("token_endpoint")).isEqualTo(httpsUrl() + "/adfs/oauth2/token");
        assertThat(doc.getString("authorization_endpoint")).isEqualTo(httpsUrl() + "/adfs/oauth2/authorize");
        assertThat(doc.getString("issuer")).isEqualTo(httpsUrl() + "/adfs");
        assertThat(doc.getString("jwks_uri")).isEqualTo(httpsUrl() + "/adfs/discovery/keys");
    }

    @Test
    void tenant_openid_configurations_have_what_msal_needs() throws Exception {
        JsonPath v2 = new JsonPath(https().get(httpsUrl() + "/" + TENANT + "/v2.0/.well-known/openid-configuration", null).body());
        assertThat(v2.getString("token_endpoint")).isEqualTo(httpsUrl() + "/" + TENANT + "/oauth2/v2.0/token");
        assertThat(v2.getString("authorization_endpoint")).isEqualTo(httpsUrl() + "/" + TENANT + "/oauth2/v2.0/authorize");
        assertThat(v2.getString("issuer")).isEqualTo(httpsUrl() + "/" + TENANT + "/v2.0");
        assertThat(v2.getString("jwks_uri")).isEqualTo(httpsUrl() + "/" + TENANT + "/discovery/v2.0/keys");
        JsonPath v1 = new JsonPath(https().get(httpsUrl() + "/" + TENANT + "/.well-known/openid-configuration", null).body());
        assertThat(v1.getString("token_endpoint")).isEqualTo(httpsUrl() + "/" + TENANT + "/oauth2/token");
        assertThat(v1.getString("issuer")).isEqualTo("https://sts.windows.net/" + TENANT + "/");
        // A verified domain resolves to its tenant.
        JsonPath byDomain = new JsonPath(https().get(httpsUrl() + "/emulator.onmicrosoft.com/v2.0/.well-known/openid-configuration",
                null).body());
        assertThat(byDomain.getString("issuer")).isEqualTo(httpsUrl() + "/" + TENANT + "/v2.0");
    }

    @Test
    void instance_discovery_names_this_host_as_its_own_cloud() throws Exception {
        JsonPath d = new JsonPath(https().get(httpsUrl() + "/common/discovery/instance?api-version=1.1&authorization_endpoint="
                + java.net.URLEncoder.encode(httpsUrl() + "/" + TENANT + "/oauth2/v2.0/authorize", StandardCharsets.UTF_8), null).body());
        assertThat(d.getString("tenant_discovery_endpoint")).isEqualTo(httpsUrl() + "/" + TENANT + "/v2.0/.well-known/openid-configuration");
        String hostPort = httpsUrl().substring("https://".length());
        assertThat(d.getList("metadata[0].aliases", String.class)).containsExactly(hostPort);
    }

    @Test
    void instance_discovery_of_an_authorization_endpoint_that_is_no_url_is_entras_invalid_instance() throws Exception {
        for (String bad : List.of("not a URI", "%zz", "/relative/path", "mailto:someone", "http://[::1")) {
            HttpResponse<String> r = https().get(httpsUrl() + "/common/discovery/instance?api-version=1.1&authorization_endpoint="
                    + java.net.URLEncoder.encode(bad, StandardCharsets.UTF_8), null);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            JsonPath body = new JsonPath(r.body());
            assertThat(body.getString("error")).as(bad).isEqualTo("invalid_instance");
            assertThat(body.getString("error_description")).as(bad).startsWith("AADSTS50049: Unknown or invalid instance.");
        }
    }

    @Test
    void client_credentials_with_the_secret_in_the_body_give_a_signed_arm_token() throws Exception {
        HttpResponse<String> r = postForm("/" + TENANT + "/oauth2/v2.0/token", form(Map.of("grant_type", "client_credentials",
                "client_id", CLIENT, "client_secret", SECRET, "scope", "https://management.core.windows.net//.default")), null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonPath answer = new JsonPath(r.body());
        assertThat(answer.getString("token_type")).isEqualTo("Bearer");
        assertThat(answer.getInt("expires_in")).isGreaterThanOrEqualTo(3599);
        assertThat(answer.getInt("ext_expires_in")).isGreaterThanOrEqualTo(3599);

        SignedJWT jwt = SignedJWT.parse(answer.getString("access_token"));
        RSAKey key = (RSAKey) JWKSet.parse(https().get(httpsUrl() + "/" + TENANT + "/discovery/v2.0/keys", null).body())
                .getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).as("signed with the served key").isTrue();
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertThat(c.getAudience()).containsExactly("https://management.core.windows.net/");
        assertThat(c.getIssuer()).isEqualTo("https://sts.windows.net/" + TENANT + "/");
        assertThat(c.getClaim("tid")).isEqualTo(TENANT);
        assertThat(c.getClaim("appid")).isEqualTo(CLIENT);
        assertThat(c.getClaim("oid")).isEqualTo("00000000-0000-4000-8000-00000000b001");
        assertThat(c.getSubject()).isEqualTo("00000000-0000-4000-8000-00000000b001");
        // Times come from real time, never the virtual clock (the test emulator's starts at midnight and stands still).
        assertThat(c.getIssueTime().toInstant()).isNotEqualTo(EMULATOR.emulator().clock().now())
                .isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plusSeconds(1));
        assertThat(c.getNotBeforeTime()).isEqualTo(c.getIssueTime());
        assertThat(Duration.between(c.getIssueTime().toInstant(), c.getExpirationTime().toInstant())).isGreaterThanOrEqualTo(Duration.ofHours(1));
    }

    @Test
    void basic_auth_the_v1_endpoint_and_the_adfs_endpoint_work_too() throws Exception {
        HttpResponse<String> basic = postForm("/" + TENANT + "/oauth2/v2.0/token", form(Map.of("grant_type", "client_credentials",
                "scope", "https://management.azure.com/.default")), CLIENT + ":" + SECRET);
        assertThat(basic.statusCode()).isEqualTo(200);
        assertThat(SignedJWT.parse(new JsonPath(basic.body()).getString("access_token")).getJWTClaimsSet().getAudience())
                .containsExactly("https://management.azure.com");

        HttpResponse<String> v1 = postForm("/" + TENANT + "/oauth2/token", form(Map.of("grant_type", "client_credentials",
                "client_id", CLIENT, "client_secret", SECRET, "resource", "https://management.core.windows.net/")), null);
        assertThat(v1.statusCode()).isEqualTo(200);
        assertThat(new JsonPath(v1.body()).getString("resource")).isEqualTo("https://management.core.windows.net/");

        HttpResponse<String> adfs = postForm("/adfs/oauth2/token", form(Map.of("grant_type", "client_credentials", "client_id", CLIENT,
                "client_secret", SECRET, "client_info", "1", "scope", "https://management.core.windows.net//.default")), null);
        assertThat(adfs.statusCode()).isEqualTo(200);
        assertThat(SignedJWT.parse(new JsonPath(adfs.body()).getString("access_token")).getJWTClaimsSet().getClaim("tid")).isEqualTo(TENANT);
    }

    @Test
    void a_wrong_secret_is_entra_invalid_client_aadsts7000215_with_401() throws Exception {
        HttpResponse<String> r = postForm("/" + TENANT + "/oauth2/v2.0/token", form(Map.of("grant_type", "client_credentials",
                "client_id", CLIENT, "client_secret", "wrong", "scope", "https://management.core.windows.net//.default")), null);
        assertThat(r.statusCode()).isEqualTo(401);
        JsonPath e = new JsonPath(r.body());
        assertThat(e.getString("error")).isEqualTo("invalid_client");
        assertThat(e.getString("error_description")).startsWith("AADSTS7000215: Invalid client secret provided.");
        assertThat(e.getList("error_codes", Integer.class)).containsExactly(7000215);
    }

    @Test
    void an_unknown_client_id_is_invalid_client_with_401_naming_the_directory() throws Exception {
        HttpResponse<String> r = postForm("/" + TENANT + "/oauth2/v2.0/token", form(Map.of("grant_type", "client_credentials",
                "client_id", "99999999-9999-4999-8999-999999999999", "client_secret", SECRET,
                "scope", "https://management.core.windows.net//.default")), null);
        assertThat(r.statusCode()).isEqualTo(401);
        JsonPath e = new JsonPath(r.body());
        assertThat(e.getString("error")).isEqualTo("invalid_client");
        assertThat(e.getString("error_description")).startsWith("AADSTS700016: Application with identifier "
                + "'99999999-9999-4999-8999-999999999999' was not found in the directory '" + TENANT + "'.");
    }

    @Test
    void other_grant_types_and_missing_fields_are_named() throws Exception {
        HttpResponse<String> password = postForm("/" + TENANT + "/oauth2/v2.0/token", form(Map.of("grant_type", "password",
                "client_id", CLIENT)), null);
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(new JsonPath(password.body()).getString("error")).isEqualTo("unsupported_grant_type");
        HttpResponse<String> noClient = postForm("/" + TENANT + "/oauth2/v2.0/token", form(Map.of("grant_type", "client_credentials")), null);
        assertThat(new JsonPath(noClient.body()).getString("error_description")).contains("'client_id'");
        HttpResponse<String> noScope = postForm("/" + TENANT + "/oauth2/v2.0/token", form(Map.of("grant_type", "client_credentials",
                "client_id", CLIENT, "client_secret", SECRET)), null);
        assertThat(new JsonPath(noScope.body()).getString("error_description")).contains("'scope'");
        HttpResponse<String> noTenant = postForm("/11111111-0000-4000-8000-000000000000/oauth2/v2.0/token", form(Map.of(
                "grant_type", "client_credentials", "client_id", CLIENT, "client_secret", SECRET,
                "scope", "https://management.azure.com/.default")), null);
        assertThat(noTenant.statusCode()).isEqualTo(400);
        assertThat(new JsonPath(noTenant.body()).getString("error_description")).startsWith("AADSTS90002");
    }

    @Test
    void identity_hands_out_everything_a_client_needs_in_one_place() {
        JsonPath id = given().baseUri(EMULATOR.url()).get("/_emulator/identity").then().statusCode(200).extract().jsonPath();
        assertThat(id.getString("tenantId")).isEqualTo(TENANT);
        assertThat(id.getString("subscriptionId")).isEqualTo(SUB);
        assertThat(id.getString("clientId")).isEqualTo(CLIENT);
        assertThat(id.getString("clientSecret")).isEqualTo(SECRET);
        assertThat(id.getString("armEndpoint")).isEqualTo(httpsUrl() + "/");
        assertThat(id.getString("tokenEndpoint")).isEqualTo(httpsUrl() + "/" + TENANT + "/oauth2/v2.0/token");
        assertThat(id.getString("loginEndpoint")).isEqualTo(httpsUrl() + "/adfs");
        assertThat(id.getString("caCertificateUrl")).isEqualTo(EMULATOR.url() + "/_emulator/cert.pem");
    }

    @Test
    void the_cloud_config_is_what_az_cloud_register_takes_with_the_graph_and_the_dns_suffixes() {
        JsonPath c = given().baseUri(EMULATOR.url()).get("/_emulator/cloud-config").then().statusCode(200).extract().jsonPath();
        assertThat(c.getString("endpoints.resourceManager")).isEqualTo(httpsUrl() + "/");
        assertThat(c.getString("endpoints.activeDirectory")).isEqualTo(httpsUrl() + "/adfs");
        assertThat(c.getString("endpoints.activeDirectoryResourceId")).isEqualTo("https://management.core.windows.net/");
        assertThat(c.getString("endpoints.microsoftGraphResourceId")).isEqualTo("https://graph.microsoft.com/");
        assertThat(c.getString("suffixes.keyvaultDns")).isEqualTo(".vault.azure.net");
        assertThat(c.getString("suffixes.storageEndpoint")).isEqualTo("core.windows.net");
        assertThat(c.getString("suffixes.acrLoginServerEndpoint")).isEqualTo(".azurecr.io");
    }

    @Test
    void service_principals_added_through_the_control_api_can_log_in() throws Exception {
        JsonPath sp = given().baseUri(EMULATOR.url()).contentType("application/json").body("{\"displayName\":\"ci robot\"}")
                .post("/_emulator/service-principals").then().statusCode(201).extract().jsonPath();
        assertThat(sp.getString("tenantId")).isEqualTo(TENANT);
        HttpResponse<String> r = postForm("/" + TENANT + "/oauth2/v2.0/token", form(Map.of("grant_type", "client_credentials",
                "client_id", sp.getString("clientId"), "client_secret", sp.getString("clientSecret"),
                "scope", "https://management.core.windows.net//.default")), null);
        assertThat(r.statusCode()).isEqualTo(200);
        given().baseUri(EMULATOR.url()).get("/_emulator/service-principals").then().statusCode(200)
                .body("value.displayName", hasItem("ci robot"));
        given().baseUri(EMULATOR.url()).contentType("application/json").body("{\"clientId\":\"" + sp.getString("clientId") + "\"}")
                .post("/_emulator/service-principals").then().statusCode(409).body("error.code", equalTo("ServicePrincipalAlreadyExists"));
        given().baseUri(EMULATOR.url()).contentType("application/json").body("{\"tenantId\":\"12345678-1234-4234-8234-123456789012\"}")
                .post("/_emulator/service-principals").then().statusCode(400).body("error.message", containsString(TENANT));
    }
}
