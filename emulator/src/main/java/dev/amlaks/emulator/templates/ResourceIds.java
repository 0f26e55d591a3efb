package dev.amlaks.emulator.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code resourceId} and its kin: the ids ARM builds from a type, names and an optional scope. */
public final class ResourceIds {

    private ResourceIds() {
    }

    static String build(String function, String n, List<JsonNode> a, Environment env) {
        Values.arity(function, a, 2, Integer.MAX_VALUE);
        for (int i = 0; i < a.size(); i++) {
            Values.text(function, a, i);
        }
        if (n.equals("extensionresourceid")) {
            Values.arity(function, a, 3, Integer.MAX_VALUE);
            String scope = a.get(0).textValue();
            return scope.replaceAll("/+$", "") + providerPart(function, a.get(1).textValue(), names(a, 2));
        }
        int typeAt = -1;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).textValue().contains("/")) {
                typeAt = i;
                break;
            }
        }
        if (typeAt < 0) {
            throw Values.failed(function, "No argument is a resource type such as 'Microsoft.Storage/storageAccounts'.");
        }
        String type = a.get(typeAt).textValue();
        List<String> names = names(a, typeAt + 1);
        if (n.equals("tenantresourceid")) {
            if (typeAt != 0) {
                throw Values.failed(function, "A tenant resource id takes a type and names only.");
            }
            return providerPart(function, type, names);
        }
        String subscription = env.subscriptionId();
        String group = n.equals("subscriptionresourceid") ? null : env.resourceGroup();
        if (n.equals("subscriptionresourceid")) {
            if (typeAt > 1) {
                throw Values.failed(function, "A subscription resource id takes an optional subscription id, a type and names.");
            }
            subscription = typeAt == 1 ? a.get(0).textValue() : subscription;
        } else if (typeAt == 1) {
            group = a.get(0).textValue();
        } else if (typeAt == 2) {
            subscription = a.get(0).textValue();
            group = a.get(1).textValue();
        } else if (typeAt > 2) {
            throw Values.failed(function, "Before the type come at most a subscription id and a resource group name; " + typeAt
                    + " arguments were given there.");
        }
        return id(function, subscription, group, type, names);
    }

    /** The id of a resource of {@code type} named {@code names} (one name per type segment after the namespace) in a group, or a subscription when {@code group} is null. */
    public static String id(String function, String subscription, String group, String type, List<String> names) {
        String base = "/subscriptions/" + subscription;
        if (type.equalsIgnoreCase("Microsoft.Resources/resourceGroups") && names.size() == 1) {
            return base + "/resourceGroups/" + names.get(0);
        }
        if (type.equalsIgnoreCase("Microsoft.Resources/subscriptions") && names.size() == 1) {
            return "/subscriptions/" + names.get(0);
        }
        if (group != null) {
            base += "/resourceGroups/" + group;
        }
        return base + providerPart(function, type, names);
    }

    private static List<String> names(List<JsonNode> a, int from) {
        return a.subList(from, a.size()).stream().map(JsonNode::textValue).toList();
    }

    private static String providerPart(String function, String type, List<String> names) {
        String[] segments = type.split("/");
        if (segments.length < 2) {
            throw Values.failed(function, "The type '" + type + "' is not a resource type such as 'Microsoft.Storage/storageAccounts'.");
        }
        if (names.size() != segments.length - 1) {
            throw Values.failed(function, "The type '" + type + "' needs " + (segments.length - 1) + " name(s), one for each of its segments"
                    + " after the namespace; " + names.size() + " were given.");
        }
        StringBuilder out = new StringBuilder("/providers/").append(segments[0]);
        for (int i = 1; i < segments.length; i++) {
            out.append('/').append(segments[i]).append('/').append(names.get(i - 1));
        }
        return out.toString();
    }

    /** The type of a full resource id, as ARM spells types ({@code Microsoft.Network/virtualNetworks/subnets}). */
    public static String typeOf(String id) {
        String[] s = id.replaceAll("^/+", "").split("/");
        int p = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i].equalsIgnoreCase("providers")) {
                p = i;
            }
        }
        if (p < 0) {
            return s.length == 4 && s[2].equalsIgnoreCase("resourceGroups") ? "Microsoft.Resources/resourceGroups" : "Microsoft.Resources/subscriptions";
        }
        StringBuilder t = new StringBuilder(s[p + 1]);
        for (int i = p + 2; i < s.length; i += 2) {
            t.append('/').append(s[i]);
        }
        return t.toString();
    }
}
