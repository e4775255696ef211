package org.causette.server.wire;

import org.causette.bot.Card;
import org.causette.bot.QuickReply;

import java.time.Instant;
import java.util.List;

/** Frames the server sends (docs/protocol.md), one record per {@code type}; the {@code type} field comes first. */
public final class ServerFrames {
    private ServerFrames() {
    }

    /**
     * @param botName  an extension: the bot's name, and {@code siteName} the shop's, for the widget's header
     * @param greeting an extension (docs/marketing.md): the greeting A/B test's variant for this visitor; left out of
     *                 the JSON when the site has none
     * @param replyByEmail an extension (docs/email.md): true when the site emails replies to shoppers who left, so the
     *                 widget offers "email me the answer"; left out of the JSON otherwise
     * @param teamOnline an extension: whether a person of the team could answer this shopper now
     * @param sound    an extension: the site wants a sound on a person's reply (site.json widget.sound); absent: no
     * @param privacy  an extension: what the consent texts say of retention and the shop's policy
     */
    public record Welcome(String type, String visitorId, String visitorToken, String conversationId, String state,
                          long lastSeq, String botName, String siteName,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          Greeting greeting,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          Boolean replyByEmail,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          Boolean teamOnline,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          Boolean sound,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          Privacy privacy) {
        /** An extension: what the consent texts say, how long the shop keeps conversations, and its policy (or null). */
        public record Privacy(int retentionDays,
                              @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                              String url) {
        }

        public Welcome(String visitorId, String visitorToken, String conversationId, String state, long lastSeq,
                       String botName, String siteName) {
            this("welcome", visitorId, visitorToken, conversationId, state, lastSeq, botName, siteName, null, null, null,
                    null, null);
        }

        public Welcome(String visitorId, String visitorToken, String conversationId, String state, long lastSeq,
                       String botName, String siteName, Greeting greeting) {
            this("welcome", visitorId, visitorToken, conversationId, state, lastSeq, botName, siteName, greeting, null, null,
                    null, null);
        }

        public Welcome(String visitorId, String visitorToken, String conversationId, String state, long lastSeq,
                       String botName, String siteName, Greeting greeting, boolean teamOnline, boolean sound, Privacy privacy) {
            this("welcome", visitorId, visitorToken, conversationId, state, lastSeq, botName, siteName, greeting, null,
                    teamOnline, sound ? Boolean.TRUE : null, privacy);
        }

        /** The same welcome, saying whether the site emails replies (null: it does not, and the field is left out). */
        public Welcome replyingByEmail(boolean on) {
            return new Welcome(type, visitorId, visitorToken, conversationId, state, lastSeq, botName, siteName, greeting,
                    on ? Boolean.TRUE : null, teamOnline, sound, privacy);
        }
    }

    /** The widget's intro text and starter quick replies, from scenarios.json's greeting A/B test (docs/marketing.md). */
    public record Greeting(String variant, String text, List<QuickReply> quickReplies) {
    }

    public record Ack(String type, String clientId, String conversationId, long seq, String id, Instant ts) {
        public Ack(String clientId, String conversationId, long seq, String id, Instant ts) {
            this("ack", clientId, conversationId, seq, id, ts);
        }
    }

    public record From(String role, String name) {
    }

    public record Message(String type, String conversationId, long seq, String id, From from, String text,
                          List<QuickReply> quickReplies, List<Card> cards, Instant ts) {
        public Message(String conversationId, long seq, String id, From from, String text,
                       List<QuickReply> quickReplies, List<Card> cards, Instant ts) {
            this("message", conversationId, seq, id, from, text, quickReplies, cards, ts);
        }
    }

    /** @param avatarUrl an extension: the person's photo (staff.json {@code avatarUrl}), or null */
    public record Assignee(String role, String name,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                           String avatarUrl) {
        public Assignee(String role, String name) {
            this(role, name, null);
        }
    }

    /**
     * @param estimatedWaitSeconds an extension: while queued, a rough wait, or null
     * @param teamOnline           an extension: on a hand-over, whether a person could answer now (null: not said)
     */
    public record State(String type, String conversationId, String state, Integer queuePosition, Assignee assignee,
                        String reason,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        Integer estimatedWaitSeconds,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        Boolean teamOnline) {
        public State(String conversationId, String state, Integer queuePosition, Assignee assignee, String reason,
                     Integer estimatedWaitSeconds) {
            this("state", conversationId, state, queuePosition, assignee, reason, estimatedWaitSeconds, null);
        }

        public State(String conversationId, String state, Integer queuePosition, Assignee assignee, String reason,
                     Integer estimatedWaitSeconds, Boolean teamOnline) {
            this("state", conversationId, state, queuePosition, assignee, reason, estimatedWaitSeconds, teamOnline);
        }
    }

    public record Typing(String type, From from, boolean on) {
        public Typing(From from, boolean on) {
            this("typing", from, on);
        }
    }

    public record Read(String type, String role, long seq) {
        public Read(String role, long seq) {
            this("read", role, seq);
        }
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Error(String type, String code, String message, String ref) {
        public Error(String code, String message, String ref) {
            this("error", code, message, ref);
        }
    }

    // ---- staff ---------------------------------------------------------------------------------------------------

    public record StaffIdentity(String id, String name, String role, String site) {
    }

    public record SummaryVisitor(String id,
                                 @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                                 String name, String locale) {
    }

    /** A conversation as staff lists show it (docs/protocol.md). */
    public record Summary(String conversationId, String state, String channel, SummaryVisitor visitor, String lastMessage,
                          long unread, Instant since, String reason, String skill, String target) {
    }

    /** {@code queueTotal}: how many wait in all; {@code queue} holds the longest waiting of them (docs/protocol.md). */
    public record StaffWelcome(String type, StaffIdentity staff, List<Summary> conversations, List<Summary> queue,
                               int queueTotal) {
        public StaffWelcome(StaffIdentity staff, List<Summary> conversations, QueueView queue) {
            this("welcome", staff, conversations, queue.items(), queue.total());
        }
    }

    /** {@code total}: how many wait in all; {@code items}: the longest waiting of them, at most a frame's worth. */
    public record Queue(String type, List<Summary> items, int total) {
        public Queue(QueueView queue) {
            this("queue", queue.items(), queue.total());
        }
    }

    /** A staff member's view of a queue: its head as summaries, and its length. */
    public record QueueView(List<Summary> items, int total) {
    }

    /** A message as staff see it: with its conversation and whether it is an internal note. */
    public record StaffMessage(String type, String conversationId, long seq, String id, From from, String text,
                               List<QuickReply> quickReplies, List<Card> cards, boolean internal, Instant ts) {
        public StaffMessage(String conversationId, long seq, String id, From from, String text,
                            List<QuickReply> quickReplies, List<Card> cards, boolean internal, Instant ts) {
            this("message", conversationId, seq, id, from, text, quickReplies, cards, internal, ts);
        }
    }

    public record Assigned(String type, Summary conversation, List<StaffMessage> messages) {
        public Assigned(Summary conversation, List<StaffMessage> messages) {
            this("assigned", conversation, messages);
        }
    }

    /** To the person who held a conversation: the shopper rated it (their thanks panel and transcript update at once). */
    public record Rated(String type, String conversationId, int score, String comment) {
        public Rated(String conversationId, int score, String comment) {
            this("rated", conversationId, score, comment);
        }
    }

    public record Unassigned(String type, String conversationId, String reason) {
        public Unassigned(String conversationId, String reason) {
            this("unassigned", conversationId, reason);
        }
    }

    public record History(String type, String conversationId, List<StaffMessage> messages) {
        public History(String conversationId, List<StaffMessage> messages) {
            this("history", conversationId, messages);
        }
    }

    /** @param preview what the shopper has typed so far, masked (sites with a typing preview, agents only), or null */
    public record StaffTyping(String type, String conversationId, From from, boolean on, String preview) {
        public StaffTyping(String conversationId, From from, boolean on) {
            this("typing", conversationId, from, on, null);
        }

        public StaffTyping(String conversationId, From from, boolean on, String preview) {
            this("typing", conversationId, from, on, preview);
        }
    }

    public record StaffRead(String type, String conversationId, String role, long seq) {
        public StaffRead(String conversationId, String role, long seq) {
            this("read", conversationId, role, seq);
        }
    }

    public record Pong(String type) {
        public static final Pong INSTANCE = new Pong("pong");
    }

    /**
     * An extension (docs/marketing.md): a proactive message from a scenario, shown by the widget as a bubble; it is
     * not part of any conversation until the visitor answers.
     */
    public record Proactive(String type, String scenarioId, String variant, String text, List<QuickReply> quickReplies,
                            List<Card> cards) {
        public Proactive(String scenarioId, String variant, String text, List<QuickReply> quickReplies, List<Card> cards) {
            this("proactive", scenarioId, variant, text, quickReplies, cards);
        }
    }

    /**
     * An extension (docs/protocol.md): the widget may ask the NPS question about this closed conversation now, once;
     * the answer is a visitor {@code nps} frame.
     */
    public record NpsRequest(String type, String conversationId) {
        public NpsRequest(String conversationId) {
            this("nps_request", conversationId);
        }
    }
}
