package org.causette.server.customer;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.config.Site;
import org.causette.server.conversation.ChannelIds;
import org.causette.server.store.ChannelLink;
import org.causette.server.store.VisitorStore;

import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The shop's backend links a Messenger PSID or a WhatsApp number to one of its verified customers: it knows both
 * (the shopper logged in on the shop and wrote from Messenger, or gave their number). Each request is checked
 * field by field, with an error naming what is wrong.
 */
public final class ChannelLinks {
    public static final String MESSENGER = ChannelIds.MESSENGER;
    public static final String WHATSAPP = ChannelIds.WHATSAPP;
    /** As a signed identity allows it (SignedIdentity). */
    public static final int MAX_USER_ID_CHARS = 256;
    /** A page-scoped id: the digits Meta sends as {@code sender.id}. */
    private static final Pattern PSID = Pattern.compile("[0-9]{1,32}");
    /** A wa_id: the number in international form, digits only, as Meta sends it in {@code messages[].from}. */
    private static final Pattern WA_ID = Pattern.compile("[0-9]{6,20}");

    private final VisitorStore store;
    private final Clock clock;

    public ChannelLinks(VisitorStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The result of a link or unlink request: done, or refused with why. */
    public sealed interface Result {
        record Done(ChannelLink link, ChannelLink.Outcome outcome) implements Result {
        }

        record Unlinked(boolean wasLinked) implements Result {
        }

        record Refused(String code, String message) implements Result {
        }
    }

    /** Why a customer id is not acceptable, or null when it is. */
    public static String checkUserId(String userId) {
        if (userId == null || userId.isEmpty() || userId.length() > MAX_USER_ID_CHARS) {
            return "the customer id is 1 to " + MAX_USER_ID_CHARS + " characters";
        }
        if (userId.chars().anyMatch(Character::isISOControl)) {
            return "the customer id has control characters";
        }
        return null;
    }

    public Result link(Site site, String userId, JsonNode body) {
        String refused = checkUserId(userId);
        if (refused != null) {
            return new Result.Refused("bad_request", refused);
        }
        JsonNode channel = body.get("channel");
        if (channel == null || !channel.isTextual()) {
            return new Result.Refused("bad_request", "channel is required: \"messenger\" or \"whatsapp\"");
        }
        JsonNode externalId = body.get("externalId");
        if (externalId == null || !externalId.isTextual()) {
            return new Result.Refused("bad_request",
                    "externalId is required, as a string: the Messenger PSID or the WhatsApp wa_id");
        }
        Result.Refused wrong = check(site, channel.asText(), externalId.asText());
        if (wrong != null) {
            return wrong;
        }
        ChannelLink link = new ChannelLink(site.id(), userId, channel.asText(), externalId.asText(),
                visitorId(channel.asText(), externalId.asText()), clock.instant());
        ChannelLink.Outcome outcome = store.linkChannel(link);
        if (outcome == ChannelLink.Outcome.TAKEN) {
            return new Result.Refused("conflict", "this " + channel.asText()
                    + " id is linked to another customer; unlink it there first");
        }
        if (outcome == ChannelLink.Outcome.ALREADY_LINKED) {
            link = store.channelLinks(site.id(), userId).stream()
                    .filter(l -> l.channel().equals(channel.asText()) && l.externalId().equals(externalId.asText()))
                    .findFirst().orElse(link);
        }
        return new Result.Done(link, outcome);
    }

    /** Unlinks; unlinking what is not linked is done too (a retried request must not fail). */
    public Result unlink(Site site, String userId, String channel, String externalId) {
        String refused = checkUserId(userId);
        if (refused != null) {
            return new Result.Refused("bad_request", refused);
        }
        Result.Refused wrong = check(site, channel, externalId);
        if (wrong != null) {
            return wrong;
        }
        return new Result.Unlinked(store.unlinkChannel(site.id(), userId, channel, externalId));
    }

    /** A refusal, or null when the channel and id are acceptable for this site. */
    private static Result.Refused check(Site site, String channel, String externalId) {
        switch (channel) {
            case MESSENGER -> {
                if (site.config().messenger() == null) {
                    return new Result.Refused("bad_request", "this site has no Messenger page (site.json \"messenger\")");
                }
                if (!PSID.matcher(externalId).matches()) {
                    return new Result.Refused("bad_request",
                            "externalId for messenger is the page-scoped id (PSID): 1 to 32 digits, as Meta sends it in sender.id");
                }
            }
            case WHATSAPP -> {
                if (site.config().whatsapp() == null) {
                    return new Result.Refused("bad_request", "this site has no WhatsApp number (site.json \"whatsapp\")");
                }
                if (!WA_ID.matcher(externalId).matches()) {
                    return new Result.Refused("bad_request",
                            "externalId for whatsapp is the wa_id: the number with its country code, 6 to 20 digits, no + or spaces (e.g. 33612345678)");
                }
            }
            default -> {
                return new Result.Refused("bad_request", "channel must be \"messenger\" or \"whatsapp\"");
            }
        }
        return null;
    }

    /** The visitor a channel's messages arrive as. */
    static String visitorId(String channel, String externalId) {
        return ChannelIds.visitorId(channel, externalId);
    }
}
