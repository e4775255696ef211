package org.causette.server.store;

import java.util.Objects;

/**
 * A conversation with the version of its state as the store had it when it was read or written. Every update bumps
 * the version; appends do not (messages move {@code lastSeq} only). A lane that holds one can change the conversation
 * without reading it again: the store applies the change only if the version is still the same, and otherwise does
 * what {@link Store#updateIf} does (reads the conversation as it is now and applies the change to that). A version
 * that is only a guess is therefore safe: a wrong one costs a read, never a lost change.
 */
public record VersionedConversation(Conversation conversation, long version) {
    public VersionedConversation {
        Objects.requireNonNull(conversation, "conversation");
    }

    public String id() {
        return conversation.id();
    }
}
