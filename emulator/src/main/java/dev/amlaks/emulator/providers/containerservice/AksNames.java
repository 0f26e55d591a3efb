package dev.amlaks.emulator.providers.containerservice;

import dev.amlaks.emulator.arm.ResourceId;
import java.util.Locale;
import java.util.regex.Pattern;

/** AKS's naming rules and the ids it derives (cluster ids carry a lower-case {@code resourcegroups}, as AKS answers them). */
final class AksNames {

    static final String NAMESPACE = "Microsoft.ContainerService";
    static final String CLUSTER_TYPE = "Microsoft.ContainerService/ManagedClusters";
    static final String POOL_TYPE = "Microsoft.ContainerService/managedClusters/agentPools";
    static final String CLUSTER_KEY = "microsoft.containerservice/managedclusters";
    static final String POOL_KEY = "microsoft.containerservice/managedclusters/agentpools";

    private static final Pattern CLUSTER_NAME = Pattern.compile("^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$");
    private static final Pattern DNS_PREFIX = Pattern.compile("^[a-zA-Z0-9]([-a-zA-Z0-9]{0,52}[a-zA-Z0-9])?$");
    private static final Pattern POOL_NAME = Pattern.compile("^[a-z][a-z0-9]{0,11}$");

    private AksNames() {
    }

    static ResourceId clusterId(String subscription, String group, String name) {
        return ResourceId.resource(subscription, group, NAMESPACE, "managedClusters", name);
    }

    /** The id as AKS writes it in bodies: {@code /subscriptions/{s}/resourcegroups/{rg}/providers/...}. */
    static String display(ResourceId id) {
        return id.toString().replaceFirst("/resourceGroups/", "/resourcegroups/");
    }

    static void validateClusterName(String name) {
        if (!CLUSTER_NAME.matcher(name).matches()) {
            throw AksErrors.invalidClusterName(name, "it must be 1 to 63 characters of letters, digits, '-' and '_', starting and"
                    + " ending with a letter or a digit");
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.contains("MICROSOFT") || upper.contains("WINDOWS")) {
            throw AksErrors.invalidClusterName(name, "'MICROSOFT' and 'WINDOWS' can't be used as either a whole word or a substring in"
                    + " the name.");
        }
        if (upper.startsWith("LOGIN") || upper.startsWith("XBOX")) {
            throw AksErrors.invalidClusterName(name, "'LOGIN' and 'XBOX' can't be used at the start of a resource name, but can be"
                    + " used later in the name.");
        }
    }

    static void validateDnsPrefix(String prefix) {
        String p = prefix == null ? "" : prefix;
        if (p.isEmpty() || p.length() > 54) {
            throw AksErrors.invalidDnsPrefix(p, "DNS prefix must contain between 1 and 54 characters.");
        }
        if (!DNS_PREFIX.matcher(p).matches()) {
            throw AksErrors.invalidDnsPrefix(p, "DNS prefix can contain only letters, numbers and hyphens, and must start and end with a"
                    + " letter or a number.");
        }
    }

    static void validatePoolName(String name, boolean windows) {
        if (name == null || !POOL_NAME.matcher(name).matches()) {
            throw AksErrors.invalidParameter("agentPoolProfile.name", "agent pool name '" + (name == null ? "" : name)
                    + "' must be 1 to 12 lower-case letters and digits, starting with a letter");
        }
        if (windows && name.length() > 6) {
            throw AksErrors.windowsPoolNameTooLong(name);
        }
    }

    /** {@code MC_{rg}_{name}_{location}}, AKS's default node resource group. */
    static String nodeResourceGroup(String group, String name, String location) {
        return "MC_" + group + "_" + name + "_" + location;
    }

    /** What AKS makes up when no dnsPrefix is sent: {@code {name[:10]}-{rg[:16]}-{sub[:6]}}, cleaned to the prefix rule. */
    static String defaultDnsPrefix(String name, String group, String subscription) {
        String raw = cut(name, 10) + "-" + cut(group, 16) + "-" + cut(subscription, 6);
        String cleaned = raw.replaceAll("[^a-zA-Z0-9-]", "").replaceAll("^-+", "").replaceAll("-+$", "");
        return cleaned.isEmpty() ? "aks" : cleaned;
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }
}
