package org.causette.server.store;

import java.util.Objects;

/** Who wrote a message: a role, the writer's id when known (visitor or staff id) and the name shown. */
public record Author(Role role, String id, String name) {
    public Author {
        Objects.requireNonNull(role, "role");
    }
}
