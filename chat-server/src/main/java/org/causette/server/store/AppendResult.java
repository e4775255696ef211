package org.causette.server.store;

/**
 * The outcome of an append: the stored message and whether it was already there (same author and clientId),
 * in which case nothing new was stored and {@code message} is the original.
 */
public record AppendResult(StoredMessage message, boolean duplicate) {
}
