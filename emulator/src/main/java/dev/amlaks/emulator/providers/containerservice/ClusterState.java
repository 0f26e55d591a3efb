package dev.amlaks.emulator.providers.containerservice;

/**
 * What the emulator keeps about a managed cluster and never serves: whether its nodes hold vCPU
 * quota (they do from create until a stop, a failed create or the delete), the control-plane version
 * an operation is moving it to, the name of the public IP its egress uses (L2's check), and whether it
 * is still being created.
 */
record ClusterState(boolean holdsQuota, String targetVersion, String outboundIpName, boolean creating) {

    static final ClusterState NONE = new ClusterState(false, null, null, false);

    ClusterState withHoldsQuota(boolean v) {
        return new ClusterState(v, targetVersion, outboundIpName, creating);
    }

    ClusterState withTargetVersion(String v) {
        return new ClusterState(holdsQuota, v, outboundIpName, creating);
    }

    ClusterState created() {
        return new ClusterState(holdsQuota, targetVersion, outboundIpName, false);
    }
}
