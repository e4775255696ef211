package org.causette.server.cluster;

/**
 * Something another node must deliver to its own connections.
 *
 * @param originNode     the node that published it (it has served its own connections already)
 * @param kind           who receives it
 * @param siteId         the site
 * @param targetId       the visitor id ({@link Kind#VISITOR}) or staff id ({@link Kind#STAFF}); null for {@link Kind#QUEUE}
 * @param conversationId the conversation a message belongs to, for de-duplication, or null
 * @param seq            the message's seq, or 0 for frames that are not messages
 * @param frameJson      the frame, encoded once
 */
public record ClusterEvent(String originNode, Kind kind, String siteId, String targetId, String conversationId,
                           long seq, byte[] frameJson) {

    public enum Kind {
        /** A frame for every socket of one visitor. */
        VISITOR,
        /** A frame for every socket of one staff member. */
        STAFF,
        /** A site's queue changed: each node sends its own staff their view of it. */
        QUEUE
    }
}
