package org.causette.server.cluster;

import java.util.function.Consumer;

/** The broker of a single node: there is nobody else to tell, so publishing does nothing. */
public final class LocalBroker implements Broker {
    @Override
    public void publish(ClusterEvent event) {
        // One node: every connection is local and was already served.
    }

    @Override
    public boolean hasPeers() {
        return false;
    }

    @Override
    public void subscribe(Consumer<ClusterEvent> listener) {
        // No other node will ever publish.
    }

    @Override
    public void close() {
    }
}
