package dev.amlaks.emulator.operations;

/**
 * Where a long-running operation is polled: its status resource (always 200 with {@code status})
 * and its result (202 while it runs, then what the original call would have answered), both under
 * the provider's location in the subscription, carrying the api-version the call was made with.
 */
public final class OperationUrls {

    private OperationUrls() {
    }

    /** The operation-status URL, absolute on {@code baseUrl}. */
    public static String status(String baseUrl, Operation op) {
        return baseUrl + statusPath(op) + "?api-version=" + op.apiVersion();
    }

    /** The operation-result URL, absolute on {@code baseUrl}. */
    public static String result(String baseUrl, Operation op) {
        return baseUrl + scope(op) + "/operationResults/" + op.id() + "?api-version=" + op.apiVersion();
    }

    /** The status resource's id: {@code /subscriptions/{s}/providers/{namespace}/locations/{location}/operations/{id}}. */
    public static String statusPath(Operation op) {
        return scope(op) + "/operations/" + op.id();
    }

    private static String scope(Operation op) {
        return "/subscriptions/" + op.subscriptionKey() + "/providers/" + op.namespace() + "/locations/" + op.location();
    }
}
