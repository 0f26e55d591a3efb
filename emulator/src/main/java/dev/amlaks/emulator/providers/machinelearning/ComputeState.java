package dev.amlaks.emulator.providers.machinelearning;

/**
 * What the emulator keeps about an AKS compute and never serves: the cluster it stands for (its id
 * and the unique id of that cluster's incarnation, so a cluster deleted and made again under the
 * same name is not taken for it, C1), the AKS operation its own waits for, whether Azure ML made the
 * cluster (so a Delete may delete it, D1), a fingerprint of the TLS settings sent (secrets never
 * stored), and the compute that superseded it by attaching the same cluster (A3).
 */
record ComputeState(String clusterId, String clusterUid, String clusterOperation, boolean provisioned, String sslFingerprint,
                    String supersededBy) {

    static final ComputeState NONE = new ComputeState(null, null, null, false, null, null);

    ComputeState withCluster(String id, String uid) {
        return new ComputeState(id, uid, clusterOperation, provisioned, sslFingerprint, supersededBy);
    }

    ComputeState withClusterOperation(String operationId) {
        return new ComputeState(clusterId, clusterUid, operationId, provisioned, sslFingerprint, supersededBy);
    }

    ComputeState withSslFingerprint(String fingerprint) {
        return new ComputeState(clusterId, clusterUid, clusterOperation, provisioned, fingerprint, supersededBy);
    }

    ComputeState supersededBy(String compute) {
        return new ComputeState(clusterId, clusterUid, clusterOperation, provisioned, sslFingerprint, compute);
    }
}
