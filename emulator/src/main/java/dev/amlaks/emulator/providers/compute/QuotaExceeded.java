package dev.amlaks.emulator.providers.compute;

import dev.amlaks.emulator.spi.Port;
/**
 * A quota a request would exceed, with the Compute provider's arithmetic: the limit, what is in
 * use, what is asked for more, and the smallest limit that would let it through.
 */
@Port
public record QuotaExceeded(String quotaName, String location, long limit, long usage, long additional, boolean family) {

    public long minimumNewLimit() {
        return usage + additional;
    }

    /** The Compute provider's message ("Operation could not be completed as it results in exceeding approved ... quota"). */
    public String computeMessage() {
        return "Operation could not be completed as it results in exceeding approved " + quotaName + " quota. Additional details"
                + " - Deployment Model: Resource Manager, Location: " + location + ", Current Limit: " + limit + ", Current Usage: "
                + usage + ", Additional Required: " + additional + ", (Minimum) New Limit Required: " + minimumNewLimit()
                + ". Submit a request for Quota increase at https://aka.ms/ProdportalCRP/#blade/Microsoft_Azure_Capacity/"
                + "UsageAndQuota.ReactView/Parameters/%7B%22SubscriptionId%22:%22%22,%22Command%22:%22openQuotaApprovalBlade%22%7D"
                + " by specifying parameters listed in the \u2018Details\u2019 section for deployment to succeed. Please read more about"
                + " quota limits at https://docs.microsoft.com/en-us/azure/azure-supportability/"
                + (family ? "per-vm-quota-requests" : "regional-quota-requests") + ".";
    }
}
