package org.causette.server.config;

/**
 * A Meta channel of a site (Messenger or WhatsApp Cloud API).
 *
 * @param accountId   the Messenger page id or the WhatsApp phone number id
 * @param verifyToken the token Meta echoes at the subscription handshake
 * @param appSecret   the app secret that signs webhook bodies
 * @param accessToken the page or system-user access token for the Graph API
 * @param graphApiUrl the Graph API base, e.g. https://graph.facebook.com/v21.0
 */
public record ChannelConfig(String accountId, String verifyToken, String appSecret, String accessToken,
                            String graphApiUrl) {
    @Override
    public String toString() {
        return "ChannelConfig[accountId=" + accountId + ", graphApiUrl=" + graphApiUrl + "]";
    }
}
