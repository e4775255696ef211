package org.causette.server.channel;

import org.causette.server.config.Sites;
import org.causette.server.conversation.ChannelOutbound;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.conversation.Hub;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.store.Store;
import org.causette.server.usecase.VisitorService;

import java.time.Clock;
import java.util.List;

/**
 * The channel package's parts, built together: Messenger and WhatsApp (webhooks in, Graph API out) and the CRM
 * webhooks. The server registers them with the conversation feed and routes {@code /webhooks/} to their
 * {@link #metaChannels}.
 */
public final class Channels implements AutoCloseable {
    private final GraphApi graph;
    private final MessengerChannel messenger;
    private final WhatsAppChannel whatsapp;
    private final CrmWebhooks crm;

    public Channels(Sites sites, Store store, VisitorService visitors, ConversationFeed feed, Hub hub, HubMetrics metrics,
                    Clock clock) {
        this.graph = new GraphApi(metrics);
        ChannelInbox inbox = new ChannelInbox(store, visitors, feed, hub, metrics, clock);
        this.messenger = new MessengerChannel(sites, inbox, graph, metrics);
        this.whatsapp = new WhatsAppChannel(sites, inbox, graph, metrics);
        this.crm = new CrmWebhooks(sites, store, metrics, clock);
    }

    public ChannelOutbound messenger() {
        return messenger;
    }

    public ChannelOutbound whatsapp() {
        return whatsapp;
    }

    /** The channels whose webhooks Meta delivers, for the HTTP routes under {@code /webhooks/}. */
    public List<MetaChannel> metaChannels() {
        return List.of(messenger, whatsapp);
    }

    public CrmWebhooks crm() {
        return crm;
    }

    /** Stops sending; what is still in the CRM outbox stays in the store for the next start. */
    @Override
    public void close() {
        graph.close();
        crm.close();
    }
}
