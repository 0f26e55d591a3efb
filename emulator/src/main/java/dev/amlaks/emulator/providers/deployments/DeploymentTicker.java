package dev.amlaks.emulator.providers.deployments;

import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.ResourceRepository;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves running deployments forward between reads, on a thread of its own so a deployment's calls
 * never hold up the emulator's ticker: at most one pass at a time. It finds the deployments a
 * restart (or a restored snapshot) left running by reading the store now and then.
 */
final class DeploymentTicker {

    private static final int RESCAN_EVERY = 40;

    private final DeploymentRunner runner;
    private final Database db;
    private final ResourceRepository resources;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private ExecutorService worker;
    private int ticks;

    DeploymentTicker(DeploymentRunner runner, Database db, ResourceRepository resources) {
        this.runner = runner;
        this.db = db;
        this.resources = resources;
    }

    void tick() {
        if (closed.get()) {
            return;
        }
        boolean rescan = ticks++ % RESCAN_EVERY == 0;
        if (!rescan && runner.running().isEmpty()) {
            return;
        }
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            worker().execute(() -> {
                try {
                    if (rescan) {
                        db.withHandle(h -> resources.allOfType(h, DeploymentService.TYPE_KEY)).stream()
                                .filter(r -> !DeploymentState.terminal(r.provisioningState()))
                                .forEach(r -> runner.track(r.key()));
                    }
                    runner.advanceAll();
                } catch (RuntimeException e) {
                    // the store closed under a pass (the emulator stopping), or a call failed: the next tick tries again
                } finally {
                    busy.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            busy.set(false);
        }
    }

    private synchronized ExecutorService worker() {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "deployment-runner");
                t.setDaemon(true);
                return t;
            });
        }
        return worker;
    }

    synchronized void close() {
        closed.set(true);
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
