package dev.amlaks.emulator.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Caller;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens: JWTs shaped like Entra's v1 ARM tokens, signed with the emulator's key, their
 * times from real time (a client caches its token by real time, so the virtual clock never expires one); and the strict checks ARM applies to them, with ARM's 401 answers.
 */
public final class Tokens {

    /** The audiences ARM accepts, as its InvalidAuthenticationTokenAudience message lists them. */
    public static final List<String> ARM_AUDIENCES = List.of("https://management.core.windows.net/",
            "https://management.core.windows.net", "https://management.azure.com/", "https://management.azure.com");
    /** The audiences Azure ML's data plane (an {@code AADToken} endpoint's scoring) accepts. */
    public static final Set<String> ML_AUDIENCES = Set.of("https://ml.azure.com", "https://ml.azure.com/");
    private static final DateTimeFormatter DOTNET = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final SigningKey signingKey;
    private volatile Crypto crypto;

    /** The key, its signer and its verifier, made together at first use (the key may still be being made at start). */
    private record Crypto(RSAKey key, RSASSASigner signer, RSASSAVerifier verifier) {
    }

    public Tokens(SigningKey signingKey) {
        this.signingKey = signingKey;
    }

    private Crypto crypto() {
        Crypto c = crypto;
        if (c == null) {
            RSAKey key = signingKey.get();
            try {
                c = new Crypto(key, new RSASSASigner(key), new RSASSAVerifier(key.toRSAPublicKey()));
            } catch (JOSEException e) {
                throw new IllegalStateException("the token signing key is not an RSA private key", e);
            }
            crypto = c;
        }
        return c;
    }

    public static String issuer(String tenantId) {
        return "https://sts.windows.net/" + tenantId + "/";
    }

    /** A token for {@code sp} to call {@code audience}, valid from {@code nowMillis} (real time) for {@code lifetimeSeconds}. */
    public String issue(ServicePrincipal sp, String audience, long nowMillis, long lifetimeSeconds) {
        Date now = new Date(nowMillis);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(audience)
                .issuer(issuer(sp.tenantId()))
                .issueTime(now)
                .notBeforeTime(now)
                .expirationTime(new Date(nowMillis + lifetimeSeconds * 1000))
                .subject(sp.objectId())
                .claim("aio", UUID.randomUUID().toString())
                .claim("appid", sp.clientId())
                .claim("appidacr", "1")
                .claim("idp", issuer(sp.tenantId()))
                .claim("idtyp", "app")
                .claim("oid", sp.objectId())
                .claim("tid", sp.tenantId())
                .claim("uti", UUID.randomUUID().toString().replace("-", ""))
                .claim("ver", "1.0")
                .build();
        Crypto c = crypto();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(c.key().getKeyID())
                .build(), claims);
        try {
            jwt.sign(c.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /**
     * ARM's strict checks: a JWT signed by this emulator, not expired at real {@code nowMillis},
     * issued for an ARM audience or for the emulator's own URL: {@code http} or {@code https} on one
     * of {@code ownHosts} (the names it was configured with, never what a request says), any port.
     */
    public Caller verify(String token, long nowMillis, Set<String> ownHosts) {
        JWTClaimsSet claims = checked(token, nowMillis);
        List<String> aud = claims.getAudience();
        String audience = aud == null || aud.isEmpty() ? "" : aud.get(0);
        if (!audienceAllowed(audience, ownHosts)) {
            throw unauthorized("InvalidAuthenticationTokenAudience", "The access token has been obtained for wrong audience or resource '"
                    + audience + "'. It should exactly match with one of the allowed audiences '"
                    + String.join("','", ARM_AUDIENCES) + "'.");
        }
        return new Caller(string(claims, "tid"), string(claims, "oid"), string(claims, "appid"), true);
    }

    /**
     * True when {@code token} is a JWT this emulator signed, not expired at real {@code nowMillis},
     * already valid, and issued for one of {@code audiences}: {@link #verify}'s checks, for a data plane.
     */
    public boolean validFor(String token, long nowMillis, Set<String> audiences) {
        try {
            List<String> aud = checked(token, nowMillis).getAudience();
            return aud != null && aud.stream().anyMatch(audiences::contains);
        } catch (ArmException invalid) {
            return false;
        }
    }

    /** The claims of a JWT this emulator signed that is valid at real {@code nowMillis} (five minutes' skew for 'nbf'); else ARM's 401. */
    private JWTClaimsSet checked(String token, long nowMillis) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw unauthorized("InvalidAuthenticationToken", "The access token is invalid.");
        }
        try {
            if (!jwt.verify(crypto().verifier())) {
                throw unauthorized("InvalidAuthenticationToken", "The access token has invalid signature.");
            }
        } catch (JOSEException e) {
            throw unauthorized("InvalidAuthenticationToken", "The access token has invalid signature.");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || exp.getTime() <= nowMillis) {
            throw unauthorized("ExpiredAuthenticationToken", "The access token expiry UTC time '"
                    + (exp == null ? "(none)" : DOTNET.format(exp.toInstant())) + "' is earlier than current UTC time '"
                    + DOTNET.format(Instant.ofEpochMilli(nowMillis)) + "'.");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.getTime() > nowMillis + 300_000) {
            throw unauthorized("InvalidAuthenticationToken", "The access token is not yet valid: its 'nbf' UTC time '"
                    + DOTNET.format(nbf.toInstant()) + "' is later than current UTC time '" + DOTNET.format(Instant.ofEpochMilli(nowMillis))
                    + "'.");
        }
        return claims;
    }

    /** Reads who a token names without checking it (lenient mode); anonymous when it is no JWT. */
    public static Caller peek(String token) {
        if (token.indexOf('.') < 0) {
            return Caller.anonymous(); // not a JWT: no claims to read, and no exception to make
        }
        try {
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            return new Caller(string(claims, "tid"), string(claims, "oid"), string(claims, "appid"), false);
        } catch (ParseException | RuntimeException e) {
            return Caller.anonymous();
        }
    }

    private static boolean audienceAllowed(String audience, Set<String> ownHosts) {
        if (ARM_AUDIENCES.contains(audience)) {
            return true;
        }
        if (ownHosts == null || ownHosts.isEmpty()) {
            return false;
        }
        try {
            URI u = new URI(audience);
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            return u.getHost() != null && ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    && (path.isEmpty() || path.equals("/")) && u.getRawQuery() == null && u.getRawUserInfo() == null
                    && ownHosts.contains(stripBrackets(u.getHost()).toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String string(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v == null ? null : v.toString();
    }

    public static ArmException unauthorized(String code, String message) {
        return new ArmException(401, new ArmError(code, message), Map.of("WWW-Authenticate",
                "Bearer authorization_uri=\"https://login.windows.net/\", error=\"invalid_token\", error_description=\""
                        + message.replace("\"", "'") + "\""));
    }
}
