package org.causette.bot;

/**
 * The bot gives the conversation to people.
 *
 * @param target who should take it
 * @param reason a short machine-readable reason: {@code human_request}, {@code complaint}, {@code order_status},
 *               {@code misunderstood}, {@code escalate}, {@code product_expertise}, …
 * @param skill  the skill (agents) or expertise (ambassadors) wanted, or null for anyone
 */
public record Handover(Target target, String reason, String skill) {
    public enum Target {
        AGENT, AMBASSADOR;

        /** The contract's spelling: "agent" or "ambassador". */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
