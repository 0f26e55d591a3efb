package dev.amlaks.emulator.http;

import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Caller;
import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.catalog.FieldEras;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.faults.Faults;
import dev.amlaks.emulator.identity.Authenticator;
import dev.amlaks.emulator.operations.OperationService;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.ArmRouter.Method;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.tenancy.SubscriptionService;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * ARM's front door for {@code /subscriptions}, {@code /tenants} and {@code /providers}: match a
 * route (404 naming the unknown type, 405 naming the methods), enforce the route type's
 * api-versions, require the subscription, settle due operations, then call the handler.
 */
public final class ArmDispatcher {

    private final ArmRouter router;
    private final SubscriptionService subscriptions;
    private final OperationService operations;
    private final ResourceRepository resources;
    private final Regions regions;
    private final Authenticator authenticator;
    private final FieldEras eras;
    private final Faults faults;

    public ArmDispatcher(ArmRouter router, SubscriptionService subscriptions, OperationService operations,
                         ResourceRepository resources, Regions regions, Authenticator authenticator, FieldEras eras, Faults faults) {
        this.eras = eras;
        this.faults = faults;
        this.router = router;
        this.subscriptions = subscriptions;
        this.operations = operations;
        this.resources = resources;
        this.regions = regions;
        this.authenticator = authenticator;
    }

    public void handle(Context ctx) throws Exception {
        Caller caller = authenticator.authenticate(ctx);
        Method method = method(ctx.method());
        List<String> path = decode(ArmRouter.split(ctx.path()));
        String version = apiVersion(ctx);
        ArmRouter.Match match = router.match(method, path);
        boolean headAsGet = false;
        if (!match.found() && method == Method.HEAD && match.allowed().contains(Method.GET)) {
            // ARM answers HEAD on any resource it can GET: 204 when it exists, the GET's error status otherwise.
            match = router.match(Method.GET, path);
            headAsGet = true;
        }
        if (!match.found()) {
            if (match.pathKnown()) {
                throw FrontDoorErrors.methodNotAllowed(method.name(), match.allowed().stream().map(Enum::name).toList());
            }
            throw unknownRoute(path, version);
        }
        ResourceType type = match.route().type();
        if (version == null || version.isBlank()) {
            throw FrontDoorErrors.missingApiVersion();
        }
        if (!type.accepts(version)) {
            throw switch (type.kind()) {
                case PROVIDER -> FrontDoorErrors.noRegisteredProvider(locationHint(ctx, match.params(), path), version, type,
                        regions.namesText());
                case PROVIDER_LEGACY -> FrontDoorErrors.typeNotInVersion(version, type);
                case ARM_NATIVE, ANY_VERSION -> FrontDoorErrors.invalidApiVersion(version, type);
            };
        }
        String subscriptionId = match.params().get("subscriptionId");
        if (subscriptionId != null) {
            String tenant = subscriptions.require(subscriptionId, caller.tenantId());
            if (caller.verified() && !tenant.equalsIgnoreCase(caller.tenantId())) {
                throw authorizationFailed(caller, type, method, ctx.path());
            }
        }
        Optional<Faults.AfterCall> fault = faults.before(method.name(), type.fullName(), ctx.path(), version, subscriptionId);
        operations.settle();
        match.handler().handle(new ArmCall(ctx, match.params(), type, version, caller, eras));
        if (fault.isPresent()) {
            faults.after(fault.get(), ctx.res().getHeader("Azure-AsyncOperation"), ctx.res().getHeader("Location"));
        }
        if (headAsGet && ctx.status().getCode() == 200) {
            ctx.status(204).result("");
        }
    }

    /** A verified token of another tenant: ARM's 403, naming the action and the scope. */
    private static ArmException authorizationFailed(Caller caller, ResourceType type, Method method, String scope) {
        String verb = switch (method) {
            case GET, HEAD -> "read";
            case PUT, PATCH -> "write";
            case DELETE -> "delete";
            case POST -> "action";
        };
        return new ArmException(403, new dev.amlaks.emulator.arm.ArmError("AuthorizationFailed", "The client '" + caller.appId()
                + "' with object id '" + caller.objectId() + "' does not have authorization to perform action '" + type.fullName()
                + "/" + verb + "' over scope '" + scope + "' or the scope is invalid. If access was recently granted, please refresh"
                + " your credentials."));
    }

    /** The ARM method of one of the HTTP methods FrontDoor routes here, without {@code valueOf}'s lookup by name. */
    private static Method method(HandlerType type) {
        if (type == HandlerType.GET) {
            return Method.GET;
        }
        if (type == HandlerType.PUT) {
            return Method.PUT;
        }
        return Method.valueOf(type.name());
    }

    private static String apiVersion(Context ctx) {
        String v = plainApiVersion(ctx.queryString());
        if (v != null) {
            return v;
        }
        v = ctx.queryParam("api-version");
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (e.getKey().equalsIgnoreCase("api-version") && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /**
     * The first {@code api-version} of a query string when it needs no decoding (nearly every call:
     * {@code api-version=2022-11-01}), without parsing the rest; null sends the caller to the full parse.
     */
    static String plainApiVersion(String query) {
        if (query == null || !query.startsWith("api-version=")) {
            return null;
        }
        int end = query.indexOf('&');
        String v = end < 0 ? query.substring(12) : query.substring(12, end);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%' || c == '+') {
                return null;
            }
        }
        return v;
    }

    /** The location ARM would name in NoRegisteredProviderFound: the path's, the body's, or the stored resource's. */
    private String locationHint(Context ctx, Map<String, String> params, List<String> path) {
        if (params.containsKey("location")) {
            return params.get("location");
        }
        try {
            var body = dev.amlaks.emulator.arm.Json.readObject(ctx.bodyAsBytes());
            if (body.path("location").isTextual()) {
                return body.get("location").asText();
            }
        } catch (RuntimeException ignored) {
            // a malformed body has no location to offer
        }
        String key = "/" + String.join("/", path).toLowerCase(Locale.ROOT);
        return resources.find(key).map(r -> r.location()).filter(l -> l != null).orElse("global");
    }

    /** Why no route matched, in ARM's words: an unknown namespace, an unknown type, or an unknown path. */
    private ArmException unknownRoute(List<String> path, String version) {
        int providers = -1;
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i).equalsIgnoreCase("providers")) {
                providers = i;
                break;
            }
        }
        boolean armPath = !path.isEmpty() && (path.get(0).equalsIgnoreCase("subscriptions") || path.get(0).equalsIgnoreCase("providers")
                || path.get(0).equalsIgnoreCase("tenants"));
        if (!armPath) {
            return FrontDoorErrors.unknownPath("/" + String.join("/", path));
        }
        String namespace;
        List<String> typeSegments = new ArrayList<>();
        if (providers >= 0 && providers + 1 < path.size()) {
            namespace = path.get(providers + 1);
            if (!router.servesNamespace(namespace)) {
                return FrontDoorErrors.invalidNamespace(namespace, router.namespaces());
            }
            for (int i = providers + 2; i < path.size(); i += 2) {
                typeSegments.add(path.get(i));
            }
        } else {
            namespace = "Microsoft.Resources";
            int start = path.get(0).equalsIgnoreCase("subscriptions") ? 2 : 0;
            if (start < path.size() && path.get(start).equalsIgnoreCase("resourceGroups")) {
                start += 2;
            }
            for (int i = start; i < path.size(); i += 2) {
                typeSegments.add(path.get(i));
            }
            if (typeSegments.isEmpty()) {
                typeSegments.add(path.get(path.size() - 1));
            }
        }
        String typeName = typeSegments.isEmpty() ? "" : String.join("/", typeSegments);
        TreeSet<String> served = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (ResourceType t : router.types()) {
            if (t.namespace().equalsIgnoreCase(namespace) && t.kind() != ResourceType.Kind.ANY_VERSION) {
                served.add(t.typePath());
            }
        }
        return FrontDoorErrors.invalidResourceType(typeName, namespace, version, served);
    }

    private static List<String> decode(List<String> segments) {
        List<String> out = new ArrayList<>(segments.size());
        for (String s : segments) {
            if (s.indexOf('%') < 0) {
                out.add(s);
                continue;
            }
            try {
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                out.add(s); // a stray '%' is part of the name as sent
            }
        }
        return out;
    }
}
