package dev.amlaks.testcontainers;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until {@code /_emulator/health} answers 200 (it answers 503 while the emulator loads its
 * store or a scenario), on whichever host and port the container's networking gives, and gives up
 * early, with the container's log, when the container has stopped.
 */
final class HealthWait extends AbstractWaitStrategy {

    private final AmlAksEmulatorContainer container;

    HealthWait(AmlAksEmulatorContainer container) {
        this.container = container;
    }

    @Override
    protected void waitUntilReady() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        String url = container.httpEndpoint() + "/_emulator/health";
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!waitStrategyTarget.isRunning()) {
                throw new ContainerLaunchException("the emulator container stopped before it was healthy; its log:\n"
                        + container.getLogs());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                int status = c.getResponseCode();
                c.disconnect();
                if (status == 200) {
                    return;
                }
                last = "answered " + status;
            } catch (IOException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("interrupted while waiting for " + url, e);
            }
        }
        throw new ContainerLaunchException("the emulator was not healthy within " + startupTimeout.getSeconds() + " s: " + url + " "
                + last + "; its log:\n" + container.getLogs());
    }
}
