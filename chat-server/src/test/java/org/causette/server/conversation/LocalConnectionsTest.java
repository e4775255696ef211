package org.causette.server.conversation;

import io.netty.channel.embedded.EmbeddedChannel;
import org.causette.server.config.Site;
import org.causette.server.config.SiteLoader;
import org.causette.server.config.SiteSource;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.support.TestSites;
import org.causette.server.ws.VisitorConnection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The visitor sockets of this node: never one that has closed, whatever order the add and the close came in. */
class LocalConnectionsTest {
    private static final Site SITE = new SiteLoader(TestSites.ENV::get).load(SiteSource.folder(TestSites.testShop()));
    private static final HubMetrics METRICS = new HubMetrics();

    private static VisitorConnection connection(EmbeddedChannel channel, String visitorId) {
        VisitorConnection connection = new VisitorConnection(channel, SITE, METRICS);
        connection.bind(visitorId, "fr-FR", false, false);
        return connection;
    }

    @Test
    void tabsOfOneVisitorAreAddedAndRemovedOneByOne() {
        LocalConnections local = new LocalConnections();
        VisitorConnection first = connection(new EmbeddedChannel(), "v1");
        VisitorConnection second = connection(new EmbeddedChannel(), "v1");
        local.add(first);
        local.add(second);
        assertEquals(List.of(first, second), local.of(SITE.id(), "v1"));
        local.remove(first);
        assertEquals(List.of(second), local.of(SITE.id(), "v1"));
    }

    /** The hello is handled on a lane: the socket may close (and run its remove) before the lane adds it. */
    @Test
    void aSocketThatClosedBeforeItWasAddedIsNotKept() {
        LocalConnections local = new LocalConnections();
        EmbeddedChannel channel = new EmbeddedChannel();
        VisitorConnection open = connection(new EmbeddedChannel(), "v2");
        VisitorConnection closed = connection(channel, "v2");
        channel.close();
        local.remove(closed); // what the close did, before the add
        local.add(open);
        local.add(closed);
        assertEquals(List.of(open), local.of(SITE.id(), "v2"));
    }
}
