package org.causette.server.config;

/**
 * A Meta channel of a site (Messenger or WhatsApp Cloud API).
 *
 * @param accountId     the Messenger page id or the WhatsApp phone number id
 * @param verifyToken   the token Meta echoes at the subscription handshake
 * @param appSecret     the app secret that signs webhook bodies
 * @param accessToken   the page or system-user access token for the Graph API
 * @param graphApiUrl   the Graph API base, e.g. https://graph.facebook.com/v21.0 (no trailing slash)
 * @param handover      Messenger only: {@link #HANDOVER_CONSOLE} (default: the bot hands over to our console) or
 *                      {@link #HANDOVER_PAGE_INBOX} (Handover Protocol: thread control passes to Meta's Page inbox)
 * @param pauseBotHours Messenger only: after a person answered from the Page inbox (an echo we did not send), the bot
 *                      stays quiet in that conversation for this long since that person's last message (default 24)
 */
public record ChannelConfig(String accountId, String verifyToken, String appSecret, String accessToken,
                            String graphApiUrl, String handover, int pauseBotHours) {
    public static final String HANDOVER_CONSOLE = "console";
    public static final String HANDOVER_PAGE_INBOX = "page_inbox";
    public static final int DEFAULT_PAUSE_BOT_HOURS = 24;

    public ChannelConfig(String accountId, String verifyToken, String appSecret, String accessToken, String graphApiUrl) {
        this(accountId, verifyToken, appSecret, accessToken, graphApiUrl, HANDOVER_CONSOLE, DEFAULT_PAUSE_BOT_HOURS);
    }

    public ChannelConfig {
        handover = handover == null ? HANDOVER_CONSOLE : handover;
    }

    public boolean handsOverToPageInbox() {
        return HANDOVER_PAGE_INBOX.equals(handover);
    }

    @Override
    public String toString() {
        return "ChannelConfig[accountId=" + accountId + ", graphApiUrl=" + graphApiUrl + ", handover=" + handover + "]";
    }
}
