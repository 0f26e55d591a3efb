package dev.amlaks.emulator.arm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed ARM resource id. Compared case-insensitively through {@link #key()}; the names keep
 * the casing they were created with, and {@link #toString()} renders ARM's canonical keywords
 * ({@code subscriptions}, {@code resourceGroups}, {@code providers}).
 *
 * <pre>
 * /subscriptions/{s}
 * /subscriptions/{s}/resourceGroups/{rg}
 * /subscriptions/{s}/resourceGroups/{rg}/providers/{Namespace}/{type}/{name}[/{childType}/{childName}]...
 * /subscriptions/{s}/providers/{Namespace}/{type}/{name}...
 * {resource id}/providers/{Namespace}/{type}/{name}      (an extension resource, role assignments on a subnet)
 * </pre>
 */
public final class ResourceId {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** One {type}/{name} pair below a provider namespace. */
    public record Segment(String type, String name) {
        public Segment {
            Objects.requireNonNull(type);
            Objects.requireNonNull(name);
        }
    }

    private final String subscriptionId;
    private final String resourceGroup;
    private final String namespace;
    private final List<Segment> segments;
    private final ResourceId scope;
    private final String rendered;
    private final String key;

    private ResourceId(String subscriptionId, String resourceGroup, String namespace, List<Segment> segments) {
        this(null, subscriptionId, resourceGroup, namespace, segments);
    }

    private ResourceId(ResourceId scope, String subscriptionId, String resourceGroup, String namespace, List<Segment> segments) {
        this.scope = scope;
        this.subscriptionId = Objects.requireNonNull(subscriptionId);
        this.resourceGroup = resourceGroup;
        this.namespace = namespace;
        this.segments = List.copyOf(segments);
        this.rendered = render();
        this.key = rendered.toLowerCase(Locale.ROOT);
    }

    public static ResourceId subscription(String subscriptionId) {
        return new ResourceId(subscriptionId, null, null, List.of());
    }

    public static ResourceId resourceGroup(String subscriptionId, String resourceGroup) {
        return new ResourceId(subscriptionId, Objects.requireNonNull(resourceGroup), null, List.of());
    }

    /** A top-level resource in a resource group: {@code .../providers/{namespace}/{type}/{name}}. */
    public static ResourceId resource(String subscriptionId, String resourceGroup, String namespace, String type, String name) {
        return new ResourceId(subscriptionId, Objects.requireNonNull(resourceGroup), Objects.requireNonNull(namespace),
                List.of(new Segment(type, name)));
    }

    /** A subscription-level provider resource: {@code /subscriptions/{s}/providers/{namespace}/{type}/{name}}. */
    public static ResourceId subscriptionResource(String subscriptionId, String namespace, String type, String name) {
        return new ResourceId(subscriptionId, null, Objects.requireNonNull(namespace), List.of(new Segment(type, name)));
    }

    public ResourceId child(String type, String name) {
        if (namespace == null) {
            throw new IllegalStateException("only provider resources have children: " + this);
        }
        List<Segment> more = new ArrayList<>(segments);
        more.add(new Segment(type, name));
        return new ResourceId(scope, subscriptionId, resourceGroup, namespace, more);
    }

    /**
     * A resource of {@code namespace} that extends the one at {@code scope}: on a subscription or a
     * group it is an ordinary resource there, on a provider resource an extension resource.
     */
    public static ResourceId at(ResourceId scope, String namespace, String type, String name) {
        List<Segment> one = List.of(new Segment(type, name));
        if (scope.namespace == null) {
            return new ResourceId(scope.subscriptionId, scope.resourceGroup, Objects.requireNonNull(namespace), one);
        }
        return new ResourceId(scope, scope.subscriptionId, scope.resourceGroup, Objects.requireNonNull(namespace), one);
    }

    /**
     * Parses an id as clients write it: any keyword casing, an optional trailing slash.
     *
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    public static ResourceId parse(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("the resource id is empty");
        }
        List<String> parts = new ArrayList<>();
        for (String p : id.trim().split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        if (parts.size() < 2 || !parts.get(0).equalsIgnoreCase("subscriptions")) {
            throw new IllegalArgumentException("'" + id + "' is not a resource id: it must start with /subscriptions/{subscriptionId}");
        }
        String sub = parts.get(1);
        int i = 2;
        String rg = null;
        if (i < parts.size() && parts.get(i).equalsIgnoreCase("resourceGroups")) {
            if (i + 1 >= parts.size()) {
                throw new IllegalArgumentException("'" + id + "' names no resource group after /resourceGroups/");
            }
            rg = parts.get(i + 1);
            i += 2;
        }
        if (i == parts.size()) {
            return new ResourceId(sub, rg, null, List.of());
        }
        if (!parts.get(i).equalsIgnoreCase("providers") || i + 1 >= parts.size()) {
            throw new IllegalArgumentException("'" + id + "' is not a resource id: expected /providers/{namespace}/{type}/{name} after the "
                    + (rg == null ? "subscription" : "resource group"));
        }
        String ns = parts.get(i + 1);
        i += 2;
        List<String> rest = parts.subList(i, parts.size());
        ResourceId scope = null;
        List<Segment> segs = new ArrayList<>();
        int k = 0;
        while (k < rest.size()) {
            if (rest.get(k).equalsIgnoreCase("providers") && !segs.isEmpty()) {
                // {resource}/providers/{namespace}/{type}/{name}: what came before is the scope of an extension resource
                if (k + 1 >= rest.size()) {
                    throw new IllegalArgumentException("'" + id + "' names no namespace after /providers/");
                }
                scope = new ResourceId(scope, sub, rg, ns, segs);
                ns = rest.get(k + 1);
                segs = new ArrayList<>();
                k += 2;
                continue;
            }
            if (k + 1 >= rest.size()) {
                break;
            }
            segs.add(new Segment(rest.get(k), rest.get(k + 1)));
            k += 2;
        }
        if (segs.isEmpty() || k != rest.size()) {
            throw new IllegalArgumentException("'" + id + "' is not a resource id: types and names must come in pairs after /providers/" + ns);
        }
        return new ResourceId(scope, sub, rg, ns, segs);
    }

    public static boolean isGuid(String s) {
        return s != null && GUID.matcher(s).matches();
    }

    private String render() {
        StringBuilder b = new StringBuilder();
        if (scope != null) {
            b.append(scope.rendered);
        } else {
            b.append("/subscriptions/").append(subscriptionId);
            if (resourceGroup != null) {
                b.append("/resourceGroups/").append(resourceGroup);
            }
        }
        if (namespace != null) {
            b.append("/providers/").append(namespace);
            for (Segment s : segments) {
                b.append('/').append(s.type()).append('/').append(s.name());
            }
        }
        return b.toString();
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    /** The resource group's name, or null for subscription-level ids. */
    public String resourceGroup() {
        return resourceGroup;
    }

    public String namespace() {
        return namespace;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The resource an extension resource extends; null for every other id. */
    public ResourceId extended() {
        return scope;
    }

    public boolean isSubscription() {
        return resourceGroup == null && namespace == null;
    }

    public boolean isResourceGroup() {
        return resourceGroup != null && namespace == null;
    }

    /** The last name in the id: the resource's own name. */
    public String name() {
        if (namespace != null) {
            return segments.get(segments.size() - 1).name();
        }
        return resourceGroup != null ? resourceGroup : subscriptionId;
    }

    /** {@code Microsoft.ContainerService/managedClusters/agentPools}, {@code Microsoft.Resources/resourceGroups}. */
    public String type() {
        if (namespace == null) {
            return resourceGroup != null ? "Microsoft.Resources/resourceGroups" : "Microsoft.Resources/subscriptions";
        }
        StringBuilder b = new StringBuilder(namespace);
        for (Segment s : segments) {
            b.append('/').append(s.type());
        }
        return b.toString();
    }

    /** The lower-cased type, as the store keys it. */
    public String typeKey() {
        return type().toLowerCase(Locale.ROOT);
    }

    /** The id one level up: a child's parent, a top-level resource's group, a group's subscription. */
    public ResourceId parent() {
        if (namespace != null) {
            if (segments.size() > 1) {
                return new ResourceId(scope, subscriptionId, resourceGroup, namespace, segments.subList(0, segments.size() - 1));
            }
            if (scope != null) {
                return scope;
            }
            return resourceGroup != null ? resourceGroup(subscriptionId, resourceGroup) : subscription(subscriptionId);
        }
        if (resourceGroup != null) {
            return subscription(subscriptionId);
        }
        throw new IllegalStateException("a subscription has no parent id");
    }

    /** The id of the resource group this resource lives in, or null at subscription level. */
    public ResourceId resourceGroupId() {
        return resourceGroup == null ? null : resourceGroup(subscriptionId, resourceGroup);
    }

    /** The lower-cased id: the store's primary key, and what two ids are compared by. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceId other && other.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return rendered;
    }
}
