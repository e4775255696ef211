package org.causette.server.store;

import java.util.Objects;

/**
 * The outcome of {@link Store#appendToOpen}: the message stored in the open conversation, with that conversation as
 * it is after the append; or, for a {@code clientId} stored before (in any conversation of the site), the original
 * message with {@code duplicate} true and no conversation.
 */
public record OpenAppend(StoredMessage message, boolean duplicate, VersionedConversation conversation) {
    public OpenAppend {
        Objects.requireNonNull(message, "message");
        if (!duplicate) {
            Objects.requireNonNull(conversation, "conversation");
        }
    }

    public AppendResult result() {
        return new AppendResult(message, duplicate);
    }
}
