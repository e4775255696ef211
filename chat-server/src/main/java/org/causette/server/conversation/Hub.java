package org.causette.server.conversation;

import org.causette.server.cluster.Broker;
import org.causette.server.cluster.ClusterEvent;
import org.causette.server.wire.EncodedFrame;

import java.util.function.Consumer;

/**
 * Delivery: every frame goes first to this node's own sockets, then to the other nodes through the broker, which
 * deliver to theirs. Visitor deliveries run on the visitor's lane so each socket gets a conversation's messages
 * once and in order, whichever node they come from.
 */
public final class Hub {
    private final LocalConnections visitors;
    private final LocalStaffConnections staff;
    private final Broker broker;
    private final Lanes lanes;
    private final String nodeId;
    private volatile Consumer<String> queueListener = siteId -> { };

    public Hub(LocalConnections visitors, LocalStaffConnections staff, Broker broker, Lanes lanes, String nodeId) {
        this.visitors = visitors;
        this.staff = staff;
        this.broker = broker;
        this.lanes = lanes;
        this.nodeId = nodeId;
        broker.subscribe(this::fromOtherNode);
    }

    public static String visitorLane(String siteId, String visitorId) {
        return siteId + "/" + visitorId;
    }

    public LocalConnections visitors() {
        return visitors;
    }

    public LocalStaffConnections staff() {
        return staff;
    }

    /** Who sends each node's staff their view of a site's queue when it changes. */
    public void onQueueChanged(Consumer<String> listener) {
        this.queueListener = listener;
    }

    /**
     * A frame for every socket of a visitor but {@code except}. Call on the visitor's lane.
     *
     * @param seq the message's seq (0 for other frames): a socket that already has it does not get it again
     */
    public void toVisitor(String siteId, String visitorId, String conversationId, long seq, EncodedFrame frame,
                          VisitorSession except) {
        deliverToVisitor(siteId, visitorId, conversationId, seq, frame, except);
        if (broker.hasPeers()) {
            broker.publish(new ClusterEvent(nodeId, ClusterEvent.Kind.VISITOR, siteId, visitorId, conversationId, seq, frame.bytes()));
        }
    }

    private void deliverToVisitor(String siteId, String visitorId, String conversationId, long seq, EncodedFrame frame,
                                  VisitorSession except) {
        for (VisitorSession connection : visitors.of(siteId, visitorId)) {
            if (connection != except && (seq == 0 || connection.accept(conversationId, seq))) {
                connection.send(frame);
            }
        }
    }

    /** A frame for every socket of a staff member but {@code except}. */
    public void toStaff(String siteId, String staffId, EncodedFrame frame, StaffSession except) {
        for (StaffSession connection : staff.of(siteId, staffId)) {
            if (connection != except) {
                connection.send(frame);
            }
        }
        if (broker.hasPeers()) {
            broker.publish(new ClusterEvent(nodeId, ClusterEvent.Kind.STAFF, siteId, staffId, null, 0, frame.bytes()));
        }
    }

    /** The site's queue changed: every node refreshes its staff's view. */
    public void queueChanged(String siteId) {
        queueListener.accept(siteId);
        if (broker.hasPeers()) {
            broker.publish(new ClusterEvent(nodeId, ClusterEvent.Kind.QUEUE, siteId, null, null, 0, new byte[0]));
        }
    }

    private void fromOtherNode(ClusterEvent event) {
        if (event.originNode().equals(nodeId)) {
            return;
        }
        switch (event.kind()) {
            case VISITOR -> {
                if (!visitors.of(event.siteId(), event.targetId()).isEmpty()) {
                    EncodedFrame frame = EncodedFrame.ofBytes(event.frameJson(), "message");
                    // A full lane drops the frame: the visitor's sockets get the message from the store on resume.
                    lanes.submit(visitorLane(event.siteId(), event.targetId()), () -> deliverToVisitor(event.siteId(),
                            event.targetId(), event.conversationId(), event.seq(), frame, null), () -> { });
                }
            }
            case STAFF -> {
                EncodedFrame frame = EncodedFrame.ofBytes(event.frameJson(), "staff");
                for (StaffSession connection : staff.of(event.siteId(), event.targetId())) {
                    connection.send(frame);
                }
            }
            case QUEUE -> queueListener.accept(event.siteId());
        }
    }
}
