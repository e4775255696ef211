/** What the hub counts, exposed at {@code GET /metrics} in Prometheus text format. */
package org.causette.server.metrics;
