/**
 * How nodes hear of each other's events: the {@link org.causette.server.cluster.Broker} interface and its
 * implementations. A single node uses {@link org.causette.server.cluster.LocalBroker}.
 */
package org.causette.server.cluster;
