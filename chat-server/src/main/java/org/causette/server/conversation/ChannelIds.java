package org.causette.server.conversation;

/**
 * The channels a conversation comes from, and how a shopper of an outside channel becomes a visitor: the channel's
 * prefix and the shopper's id there. Here, below the channels and the customer book, so both read one definition.
 */
public final class ChannelIds {
    public static final String WEB = "web";
    public static final String MESSENGER = "messenger";
    public static final String WHATSAPP = "whatsapp";
    /** Visitor ids of Messenger shoppers: this prefix and the page-scoped id (PSID). */
    public static final String MESSENGER_VISITOR_PREFIX = "fb_";
    /** Visitor ids of WhatsApp shoppers: this prefix and their WhatsApp id (the phone number). */
    public static final String WHATSAPP_VISITOR_PREFIX = "wa_";

    private ChannelIds() {
    }

    /** The channel a visitor id belongs to. */
    public static String channelOf(String visitorId) {
        if (visitorId.startsWith(MESSENGER_VISITOR_PREFIX)) {
            return MESSENGER;
        }
        if (visitorId.startsWith(WHATSAPP_VISITOR_PREFIX)) {
            return WHATSAPP;
        }
        return WEB;
    }

    /** The visitor an outside channel's messages arrive as. */
    public static String visitorId(String channel, String externalId) {
        return (channel.equals(MESSENGER) ? MESSENGER_VISITOR_PREFIX : WHATSAPP_VISITOR_PREFIX) + externalId;
    }
}
