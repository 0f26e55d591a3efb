package dev.amlaks.emulator.providers.resources;

import dev.amlaks.emulator.arm.ResourceType;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.Lists;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provider registration: the namespaces the emulator serves, each registered in every
 * subscription, with its resource types, api-versions and locations as the route table has them.
 */
public final class ProviderHandler {

    private final ArmRouter router;
    private final Regions regions;

    public ProviderHandler(ArmRouter router, Regions regions) {
        this.router = router;
        this.regions = regions;
    }

    public void list(ArmCall call) {
        String scope = scope(call);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String ns : router.namespaces()) {
            out.add(provider(scope, ns));
        }
        Lists.answerAll(call, out);
    }

    public void get(ArmCall call) {
        String ns = namespace(call.param("resourceProviderNamespace"));
        call.json(200, provider(scope(call), ns));
    }

    /** {@code POST .../providers/{ns}/register}: every served namespace is registered already; answer as registered. */
    public void register(ArmCall call) {
        get(call);
    }

    private String namespace(String requested) {
        return router.namespaces().stream().filter(n -> n.equalsIgnoreCase(requested)).findFirst()
                .orElseThrow(() -> ResourcesErrors.namespaceNotFound(requested, router.namespaces()));
    }

    private static String scope(ArmCall call) {
        String sub = call.paramOrNull("subscriptionId");
        return sub == null ? "" : "/subscriptions/" + sub;
    }

    private Map<String, Object> provider(String scope, String namespace) {
        List<String> locations = regions.all().stream().map(RegionsFixture.Region::displayName).toList();
        List<Map<String, Object>> types = new ArrayList<>();
        for (ResourceType t : router.types()) {
            if (t.namespace().equalsIgnoreCase(namespace) && t.kind() != ResourceType.Kind.ANY_VERSION) {
                Map<String, Object> type = new LinkedHashMap<>();
                type.put("resourceType", t.typePath());
                type.put("locations", locations);
                type.put("apiVersions", t.apiVersions().stream().map(Object::toString).toList());
                type.put("capabilities", "None");
                types.add(type);
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", scope + "/providers/" + namespace);
        p.put("namespace", namespace);
        p.put("registrationState", "Registered");
        p.put("registrationPolicy", "RegistrationRequired");
        p.put("resourceTypes", types);
        return p;
    }
}
