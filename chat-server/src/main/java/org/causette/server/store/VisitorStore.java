package org.causette.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Visitors and customers: a visitor's profile, the verified customer it belongs to (one profile across devices and
 * channels, docs/customers.md), channel links, and the consent records of each visitor.
 */
public interface VisitorStore {

    Optional<Visitor> findVisitor(String siteId, String visitorId);

    void saveVisitor(Visitor visitor);

    /**
     * Binds a verified customer id to a visitor, unless it is bound already.
     *
     * @return the visitor id the customer is bound to after the call (the existing one wins)
     */
    String linkUser(String siteId, String userId, String visitorId);

    /**
     * Adds a visitor (another device of a verified customer) to the customer's profile, atomically: unless that
     * visitor belongs to another customer already. {@link #linkUser} adds the visitor it binds the same way.
     *
     * @return true when the visitor is the customer's after the call
     */
    boolean addCustomerVisitor(String siteId, String userId, String visitorId);

    /** Every visitor id of a customer (devices and linked channels), sorted; empty for an unknown customer. */
    List<String> customerVisitors(String siteId, String userId);

    /** The customer a visitor belongs to, if any. */
    Optional<String> customerOfVisitor(String siteId, String visitorId);

    /**
     * Links a channel identity to a customer, atomically with the check that its visitor is nobody else's, so two
     * nodes linking the same PSID to two customers cannot both win.
     */
    ChannelLink.Outcome linkChannel(ChannelLink link);

    /** Undoes {@link #linkChannel}. @return true when that identity was linked to that customer */
    boolean unlinkChannel(String siteId, String userId, String channel, String externalId);

    /** A customer's channel links, oldest first. */
    List<ChannelLink> channelLinks(String siteId, String userId);

    /**
     * Forgets a customer: its visitor set, links and {@link #linkUser} binding. The visitors' own data is erased by
     * {@link RetentionStore#eraseVisitor}, called for each of them first.
     */
    void forgetCustomer(String siteId, String userId);

    /**
     * Appends a consent record to its visitor's history (which keeps the newest
     * {@link ConsentRecord#MAX_PER_VISITOR}). With {@code onlyIfChanged}, only when it changes the visitor's latest
     * choice for that purpose (no record counts as not granted), checked and appended atomically.
     *
     * @return true when it was stored
     */
    boolean saveConsent(ConsentRecord record, boolean onlyIfChanged);

    /** A visitor's consent records, oldest first. */
    List<ConsentRecord> consentHistory(String siteId, String visitorId);
}
