package dev.amlaks.emulator.providers.containerservice;

/** What the emulator keeps about an agent pool and never serves: the version and power an operation is moving it to. */
record PoolState(String targetVersion, String targetPower) {

    static final PoolState NONE = new PoolState(null, null);

    PoolState withTargetVersion(String v) {
        return new PoolState(v, targetPower);
    }

    PoolState withTargetPower(String v) {
        return new PoolState(targetVersion, v);
    }

    boolean isEmpty() {
        return targetVersion == null && targetPower == null;
    }
}
