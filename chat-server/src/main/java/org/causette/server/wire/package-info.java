/**
 * The wire: the JSON frames of the WebSocket protocol as records (what clients send, what the server sends), their
 * encoders, the error codes, and the one {@link org.causette.server.wire.Json} mapper. Knows no socket and no domain
 * class: the edges read and write with it, and the domain builds the frames it sends (see docs/architecture.md).
 */
package org.causette.server.wire;
