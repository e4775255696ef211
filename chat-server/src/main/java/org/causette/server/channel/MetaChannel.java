package org.causette.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.config.ChannelConfig;
import org.causette.server.config.Site;

/** A channel whose webhooks Meta signs and delivers: Messenger or WhatsApp. */
public interface MetaChannel {

    /** The channel's name in routes, conversations and metrics: {@code messenger} or {@code whatsapp}. */
    String name();

    /** The site's settings for this channel, or null when the site does not use it. */
    ChannelConfig config(Site site);

    /**
     * A webhook body whose signature was verified, off the event loop and after Meta got its 200. Events go to the
     * shoppers' lanes in timestamp order.
     */
    void receive(Site site, JsonNode body);
}
