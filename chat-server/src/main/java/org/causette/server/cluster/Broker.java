package org.causette.server.cluster;

import java.util.function.Consumer;

/**
 * Publishes events to the other nodes of a cluster and hands theirs to this node. Local delivery is not its job:
 * the hub delivers to its own connections first, then publishes.
 */
public interface Broker extends AutoCloseable {

    void publish(ClusterEvent event);

    /** Whether other nodes may be listening; when not, callers skip building events at all. */
    default boolean hasPeers() {
        return true;
    }

    /** Where events from other nodes go; set once at start. */
    void subscribe(Consumer<ClusterEvent> listener);

    @Override
    void close();
}
