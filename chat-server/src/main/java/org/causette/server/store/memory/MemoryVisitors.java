package org.causette.server.store.memory;

import org.causette.server.store.ChannelLink;
import org.causette.server.store.ConsentRecord;
import org.causette.server.store.Visitor;
import org.causette.server.store.VisitorStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.causette.server.store.memory.MemoryKeys.key;
import static org.causette.server.store.memory.MemoryKeys.sitePrefix;

/** Visitors, their customer identities and channel links, and their consent records, in memory. */
final class MemoryVisitors implements VisitorStore {
    /** (site, visitorId) → the visitor. */
    private final Map<String, Visitor> visitors = new ConcurrentHashMap<>();
    /** (site, userId) → the visitor first bound to that signed-in customer. */
    private final Map<String, String> visitorByUser = new ConcurrentHashMap<>();
    /** Customers' visitor sets, visitors' customers and channel links change together, under this lock. */
    private final Object customerLock = new Object();
    /** (site, userId) → its visitor ids. */
    private final Map<String, Set<String>> customerVisitorSets = new HashMap<>();
    /** (site, visitorId) → the customer it belongs to. */
    private final Map<String, String> customerByVisitor = new HashMap<>();
    /** (site, userId) → "channel:externalId" → link, in linking order. */
    private final Map<String, Map<String, ChannelLink>> channelLinksByUser = new HashMap<>();
    /** (site, visitorId) → consent records, oldest first; each list is its own lock. */
    private final Map<String, LinkedList<ConsentRecord>> consents = new ConcurrentHashMap<>();

    @Override
    public Optional<Visitor> findVisitor(String siteId, String visitorId) {
        return Optional.ofNullable(visitors.get(key(siteId, visitorId)));
    }

    @Override
    public void saveVisitor(Visitor visitor) {
        visitors.put(key(visitor.siteId(), visitor.id()), visitor);
    }

    @Override
    public String linkUser(String siteId, String userId, String visitorId) {
        String existing = visitorByUser.putIfAbsent(key(siteId, userId), visitorId);
        if (existing == null) {
            addCustomerVisitor(siteId, userId, visitorId);
        }
        return existing != null ? existing : visitorId;
    }

    @Override
    public boolean addCustomerVisitor(String siteId, String userId, String visitorId) {
        synchronized (customerLock) {
            String owner = customerByVisitor.putIfAbsent(key(siteId, visitorId), userId);
            if (owner != null && !owner.equals(userId)) {
                return false;
            }
            customerVisitorSets.computeIfAbsent(key(siteId, userId), k -> new HashSet<>()).add(visitorId);
            return true;
        }
    }

    @Override
    public List<String> customerVisitors(String siteId, String userId) {
        TreeSet<String> all = new TreeSet<>();
        synchronized (customerLock) {
            all.addAll(customerVisitorSets.getOrDefault(key(siteId, userId), Set.of()));
        }
        String bound = visitorByUser.get(key(siteId, userId));
        if (bound != null) {
            all.add(bound);
        }
        return List.copyOf(all);
    }

    @Override
    public Optional<String> customerOfVisitor(String siteId, String visitorId) {
        synchronized (customerLock) {
            return Optional.ofNullable(customerByVisitor.get(key(siteId, visitorId)));
        }
    }

    @Override
    public ChannelLink.Outcome linkChannel(ChannelLink link) {
        synchronized (customerLock) {
            String owner = customerByVisitor.get(key(link.siteId(), link.visitorId()));
            if (owner != null && !owner.equals(link.userId())) {
                return ChannelLink.Outcome.TAKEN;
            }
            Map<String, ChannelLink> links = channelLinksByUser.computeIfAbsent(key(link.siteId(), link.userId()),
                    k -> new LinkedHashMap<>());
            if (links.containsKey(channelKey(link.channel(), link.externalId()))) {
                return ChannelLink.Outcome.ALREADY_LINKED;
            }
            links.put(channelKey(link.channel(), link.externalId()), link);
            customerByVisitor.put(key(link.siteId(), link.visitorId()), link.userId());
            customerVisitorSets.computeIfAbsent(key(link.siteId(), link.userId()), k -> new HashSet<>())
                    .add(link.visitorId());
            return ChannelLink.Outcome.LINKED;
        }
    }

    private static String channelKey(String channel, String externalId) {
        return channel + ":" + externalId;
    }

    @Override
    public boolean unlinkChannel(String siteId, String userId, String channel, String externalId) {
        synchronized (customerLock) {
            Map<String, ChannelLink> links = channelLinksByUser.get(key(siteId, userId));
            ChannelLink gone = links == null ? null : links.remove(channelKey(channel, externalId));
            if (gone == null) {
                return false;
            }
            Set<String> members = customerVisitorSets.get(key(siteId, userId));
            if (members != null) {
                members.remove(gone.visitorId());
            }
            customerByVisitor.remove(key(siteId, gone.visitorId()), userId);
            return true;
        }
    }

    @Override
    public List<ChannelLink> channelLinks(String siteId, String userId) {
        synchronized (customerLock) {
            return List.copyOf(channelLinksByUser.getOrDefault(key(siteId, userId), Map.of()).values());
        }
    }

    @Override
    public void forgetCustomer(String siteId, String userId) {
        synchronized (customerLock) {
            Set<String> members = customerVisitorSets.remove(key(siteId, userId));
            if (members != null) {
                members.forEach(v -> customerByVisitor.remove(key(siteId, v), userId));
            }
            Map<String, ChannelLink> links = channelLinksByUser.remove(key(siteId, userId));
            if (links != null) {
                links.values().forEach(l -> customerByVisitor.remove(key(siteId, l.visitorId()), userId));
            }
        }
        visitorByUser.remove(key(siteId, userId));
    }

    @Override
    public boolean saveConsent(ConsentRecord record, boolean onlyIfChanged) {
        LinkedList<ConsentRecord> history =
                consents.computeIfAbsent(key(record.siteId(), record.visitorId()), k -> new LinkedList<>());
        synchronized (history) {
            if (onlyIfChanged && latestGrant(history, record.purpose()) == record.granted()) {
                return false;
            }
            history.add(record);
            while (history.size() > ConsentRecord.MAX_PER_VISITOR) {
                history.removeFirst();
            }
            return true;
        }
    }

    /** The latest answer for a purpose; never asked counts as refused. */
    private static boolean latestGrant(LinkedList<ConsentRecord> history, String purpose) {
        for (Iterator<ConsentRecord> it = history.descendingIterator(); it.hasNext(); ) {
            ConsentRecord earlier = it.next();
            if (earlier.purpose().equals(purpose)) {
                return earlier.granted();
            }
        }
        return false;
    }

    @Override
    public List<ConsentRecord> consentHistory(String siteId, String visitorId) {
        LinkedList<ConsentRecord> history = consents.get(key(siteId, visitorId));
        if (history == null) {
            return List.of();
        }
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /**
     * The visitor goes: its profile, the customer binding to it, its place in its customer's profile (set, reverse
     * lookup, channel links to it) and its consent records.
     */
    void erase(String siteId, String visitorId) {
        visitors.remove(key(siteId, visitorId));
        String prefix = sitePrefix(siteId);
        visitorByUser.entrySet().removeIf(e -> e.getKey().startsWith(prefix) && e.getValue().equals(visitorId));
        synchronized (customerLock) {
            String owner = customerByVisitor.remove(key(siteId, visitorId));
            if (owner != null) {
                Set<String> members = customerVisitorSets.get(key(siteId, owner));
                if (members != null) {
                    members.remove(visitorId);
                }
                Map<String, ChannelLink> links = channelLinksByUser.get(key(siteId, owner));
                if (links != null) {
                    links.values().removeIf(l -> l.visitorId().equals(visitorId));
                }
            }
        }
        consents.remove(key(siteId, visitorId));
    }

    /** Consent records of a site older than the cutoff go. */
    void purge(String siteId, Instant cutoff) {
        consents.forEach((k, history) -> {
            synchronized (history) {
                history.removeIf(r -> r.siteId().equals(siteId) && r.ts().isBefore(cutoff));
            }
        });
    }
}
