package org.causette.server.store;

/** The person holding a conversation. */
public record Assignee(String staffId, Role role, String name) {
}
