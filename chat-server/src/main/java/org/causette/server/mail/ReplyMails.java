package org.causette.server.mail;

import org.causette.server.auth.ResumeLinks;
import org.causette.server.config.MailSettings;
import org.causette.server.config.Site;
import org.causette.server.config.Sites;
import org.causette.server.conversation.ChannelIds;
import org.causette.server.conversation.HubEvents;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationStore;
import org.causette.server.store.Lead;
import org.causette.server.store.MailContact;
import org.causette.server.store.MailStore;
import org.causette.server.store.ReplyMail;
import org.causette.server.store.Role;
import org.causette.server.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Staff replies emailed to shoppers who left (docs/email.md). A staff reply in a web conversation owes the shopper an
 * email, kept in the store ({@link MailStore#scheduleReplyMail}) on the lane where the reply was stored; a poller on
 * every node takes the owed emails that are due (leased, so two nodes never take one at once) and, on the mail
 * workers, looks again: still no open connection for the site's {@code awayMinutes}, an address given with consent,
 * replies not seen and not emailed yet, within the bounds. Then one email carries those replies with a link that
 * reopens the conversation; the SMTP server's acceptance is recorded with the seq it covered, so a reply goes out once.
 *
 * <p>A crash after the SMTP server accepted an email and before the store recorded it: the lease runs out, another
 * attempt builds the same email with the same {@code Message-ID} and sends it again: the one case of a second copy,
 * which receiving systems that drop repeated Message-IDs fold into one. Every other failure (SMTP refused, timeout,
 * store unavailable) sends nothing twice: the attempt is retried with exponential backoff until
 * {@link #MAX_ATTEMPTS}.
 */
public final class ReplyMails implements HubEvents, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplyMails.class);

    public static final Duration POLL_EVERY = Duration.ofSeconds(1);
    /** A taken email is not taken again before this unless it failed: longer than an SMTP exchange with its timeouts. */
    public static final Duration LEASE = Duration.ofMinutes(2);
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    /** Attempts before an email is given up (about 4 hours of backoff): by then the shopper has come back or moved on. */
    public static final int MAX_ATTEMPTS = 12;
    /** SMTP exchanges at once, per node: the workers' size. */
    public static final int WORKERS = 2;
    /** Replies in one email at most (the newest); the link shows the whole conversation. */
    public static final int MAX_REPLIES = 20;
    /** Messages read after the emailed seq to find the replies (a conversation's tail). */
    private static final int READ_LIMIT = 500;
    private static final int PENDING_GAUGE_EVERY_POLLS = 10;

    private final Sites sites;
    private final MailStore mail;
    private final ConversationStore conversations;
    private final ResumeLinks links;
    private final HubMetrics metrics;
    private final Clock clock;
    private final Duration firstBackoff;
    private final SmtpMailer smtp = new SmtpMailer();
    private final ScheduledExecutorService poller;
    private final ExecutorService workers;
    private final Semaphore inFlight = new Semaphore(WORKERS);
    private final AtomicBoolean polling = new AtomicBoolean();
    private int polls;

    public ReplyMails(Sites sites, MailStore mail, ConversationStore conversations, ResumeLinks links, HubMetrics metrics,
                      Clock clock) {
        this(sites, mail, conversations, links, metrics, clock, FIRST_BACKOFF);
    }

    /** @param firstBackoff the wait after a first failed attempt (tests shorten it) */
    public ReplyMails(Sites sites, MailStore mail, ConversationStore conversations, ResumeLinks links, HubMetrics metrics,
                      Clock clock, Duration firstBackoff) {
        this.sites = sites;
        this.mail = mail;
        this.conversations = conversations;
        this.links = links;
        this.metrics = metrics;
        this.clock = clock;
        this.firstBackoff = firstBackoff;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mail-poller"));
        this.workers = Executors.newFixedThreadPool(WORKERS, r -> daemon(r, "mail-smtp"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Starts polling (only when some site sends email). */
    public void start() {
        List<Site> mailing = sites.all().stream().filter(s -> s.mail().isPresent()).toList();
        if (mailing.isEmpty()) {
            return;
        }
        mailing.forEach(s -> metrics.mailSite(s.id()));
        poller.scheduleWithFixedDelay(this::poll, POLL_EVERY.toMillis(), POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- what the hub tells us (on lanes: cheap store calls only, never SMTP, never a throw) --------------------

    @Override
    public void messageCreated(Conversation conversation, StoredMessage message) {
        Role role = message.from().role();
        if ((role != Role.AGENT && role != Role.AMBASSADOR) || message.internal()
                || !ChannelIds.WEB.equals(conversation.channel())) {
            return;
        }
        Optional<MailSettings> settings = sites.find(conversation.siteId()).flatMap(Site::mail);
        if (settings.isEmpty()) {
            return;
        }
        try {
            if (mail.mailContact(conversation.siteId(), conversation.visitorId()).isEmpty()) {
                return; // no address given with consent: nothing to owe
            }
            Instant seen = mail.visitorLastSeen(conversation.siteId(), conversation.visitorId()).orElse(Instant.EPOCH);
            Instant due = latest(message.ts().plus(settings.get().batch()), seen.plus(settings.get().awayAfter()));
            mail.scheduleReplyMail(new ReplyMail(conversation.siteId(), conversation.id(), conversation.visitorId(),
                    message.seq(), due, 0, null));
            log.debug("Email owed for conversation {} up to seq {}, due {}", conversation.id(), message.seq(), due);
        } catch (RuntimeException e) {
            log.warn("Email for conversation {} not scheduled: {}", conversation.id(), e.toString());
        }
    }

    @Override
    public void leadCaptured(Lead lead) {
        // The out-of-hours form asks for consent in so many words: its address may carry the answer too.
        if (sites.find(lead.siteId()).flatMap(Site::mail).isEmpty()) {
            return;
        }
        try {
            mail.saveMailContact(new MailContact(lead.siteId(), lead.visitorId(), lead.email(), MailContact.FROM_LEAD_FORM,
                    lead.language(), lead.ts()));
        } catch (RuntimeException e) {
            log.warn("Address of lead {} not kept for emails: {}", lead.id(), e.toString());
        }
    }

    // ---- the poller ----------------------------------------------------------------------------------------------

    /** Takes what is due, as many as there are free workers; runs on the poller thread. */
    void poll() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        try {
            if (++polls % PENDING_GAUGE_EVERY_POLLS == 1) {
                for (Site site : sites.all()) {
                    if (site.mail().isPresent()) {
                        metrics.mailsPending(site.id(), mail.pendingReplyMails(site.id()));
                    }
                }
            }
            int free = inFlight.availablePermits();
            if (free == 0) {
                return;
            }
            Instant now = clock.instant();
            List<ReplyMail> taken = mail.claimReplyMails(now, now.plus(LEASE), free);
            if (!taken.isEmpty()) {
                log.debug("Took {} owed email(s) at {}: {}", taken.size(), now, taken);
            }
            for (ReplyMail owed : taken) {
                inFlight.acquireUninterruptibly();
                try {
                    workers.execute(() -> {
                        try {
                            handle(owed);
                        } finally {
                            inFlight.release();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    inFlight.release(); // shutting down: the lease runs out and another node or start takes it
                }
            }
        } catch (RuntimeException e) {
            log.warn("Owed emails not reachable: {}", e.toString());
        } finally {
            polling.set(false);
        }
    }

    /** Looks at one owed email again and sends it if it is still owed; on a mail worker. */
    void handle(ReplyMail owed) {
        MDC.put("conversation", owed.conversationId());
        try {
            Optional<Site> site = sites.find(owed.siteId());
            if (site.isEmpty() || site.get().mail().isEmpty()) {
                mail.dropReplyMail(owed.conversationId(), Long.MAX_VALUE); // the site stopped sending email
                return;
            }
            decide(site.get(), site.get().mail().get(), owed);
        } catch (RuntimeException e) {
            // The store failed: the lease runs out and the email is looked at again.
            log.warn("Email for conversation {} not handled now: {}", owed.conversationId(), e.toString());
        } finally {
            MDC.remove("conversation");
        }
    }

    private void decide(Site site, MailSettings settings, ReplyMail owed) {
        Instant now = clock.instant();
        MailStoreView view = new MailStoreView(owed);
        long emailedUpTo = mail.mailed(owed.conversationId()).upToSeq();
        if (emailedUpTo >= owed.latestSeq()) {
            view.drop(emailedUpTo, "emailed already");
            return;
        }
        Optional<MailContact> contact = mail.mailContact(owed.siteId(), owed.visitorId());
        if (contact.isEmpty()) {
            view.drop(owed.latestSeq(), "no address with consent");
            return;
        }
        Instant seen = mail.visitorLastSeen(owed.siteId(), owed.visitorId()).orElse(Instant.EPOCH);
        Instant awayEnough = seen.plus(settings.awayAfter());
        if (now.isBefore(awayEnough)) {
            log.debug("Shopper of conversation {} seen at {}: looked at again at {}", owed.conversationId(), seen, awayEnough);
            // Connected now (presence is renewed far more often than awayMinutes) or just left: look again then.
            mail.saveReplyMail(owed.due(awayEnough));
            return;
        }
        Optional<Conversation> conversation = conversations.findConversation(owed.conversationId());
        if (conversation.isEmpty()) {
            view.drop(Long.MAX_VALUE, "conversation gone");
            return;
        }
        List<StoredMessage> unseen = new ArrayList<>();
        for (StoredMessage m : conversations.messagesAfter(owed.conversationId(), emailedUpTo, READ_LIMIT)) {
            Role role = m.from().role();
            if ((role == Role.AGENT || role == Role.AMBASSADOR) && !m.internal() && m.seq() <= owed.latestSeq()
                    && m.ts().isAfter(seen)) {
                unseen.add(m);
            }
        }
        if (unseen.isEmpty()) {
            view.drop(owed.latestSeq(), "seen by the shopper");
            return;
        }
        if (mail.mailed(owed.conversationId()).count() >= settings.maxPerConversation()) {
            view.limited(owed.latestSeq(), "the conversation had " + settings.maxPerConversation() + " emails already");
            return;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (mail.mailsSentOn(site.id(), today) >= settings.maxPerDay()) {
            view.limited(owed.latestSeq(), "the site sent " + settings.maxPerDay() + " emails today");
            return;
        }
        send(site, settings, owed, conversation.get(), contact.get(), unseen, now, today);
    }

    private void send(Site site, MailSettings settings, ReplyMail owed, Conversation conversation, MailContact contact,
                      List<StoredMessage> unseen, Instant now, LocalDate today) {
        String language = conversation.languageOr(contact.language() != null ? contact.language()
                : site.config().defaultLanguage());
        MailTexts texts = MailTexts.in(language);
        List<StoredMessage> shown = unseen.subList(Math.max(0, unseen.size() - MAX_REPLIES), unseen.size());
        List<MailTexts.Reply> replies = shown.stream().map(m -> MailTexts.Reply.of(m, texts.fallbackName())).toList();
        long upTo = unseen.get(unseen.size() - 1).seq();
        String token = links.issue(site.id(), owed.visitorId(), owed.conversationId(), now.plus(settings.linkLifetime()));
        String link = links.link(settings.linkUrl(), token);
        long hours = settings.linkLifetime().toHours();
        String shop = site.config().name();
        // Fixed by what it carries: the same email built again after a crash has the same Message-ID.
        String messageId = "<reply." + owed.conversationId() + "." + upTo + "@" + settings.fromDomain() + ">";
        SmtpMailer.Outgoing outgoing = new SmtpMailer.Outgoing(contact.email(), texts.subject(shop, replies.size()),
                texts.plain(shop, replies, link, hours), texts.html(shop, replies, link, hours), messageId, now);
        try {
            smtp.send(settings, outgoing);
        } catch (Exception e) {
            failed(owed, e);
            return;
        }
        mail.replyMailSent(site.id(), owed.conversationId(), upTo, today, clock.instant());
        metrics.mail(site.id(), "sent");
        log.info("Emailed {} repl{} of conversation {} (up to seq {}) after {} failed attempt(s)", replies.size(),
                replies.size() == 1 ? "y" : "ies", owed.conversationId(), upTo, owed.attempts());
    }

    private void failed(ReplyMail owed, Exception e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        int attempts = owed.attempts() + 1;
        if (attempts >= MAX_ATTEMPTS) {
            mail.dropReplyMail(owed.conversationId(), Long.MAX_VALUE);
            metrics.mail(owed.siteId(), "given_up");
            log.error("Email for conversation {} given up after {} attempts: {}", owed.conversationId(), attempts, reason);
            return;
        }
        Duration wait = backoff(attempts);
        mail.saveReplyMail(owed.failed(reason, clock.instant().plus(wait)));
        metrics.mail(owed.siteId(), "failed_attempt");
        log.warn("Email for conversation {} failed (attempt {}): {}; next attempt in {} s", owed.conversationId(),
                attempts, reason, wait.toSeconds());
    }

    private Duration backoff(int attempts) {
        long millis = Math.min(firstBackoff.toMillis() << Math.min(attempts - 1, 30), MAX_BACKOFF.toMillis());
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(Math.max(1, millis / 10)));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The ways an owed email ends without being sent, each counted. */
    private final class MailStoreView {
        private final ReplyMail owed;

        MailStoreView(ReplyMail owed) {
            this.owed = owed;
        }

        void drop(long upToSeq, String why) {
            if (!mail.dropReplyMail(owed.conversationId(), upToSeq)) {
                mail.saveReplyMail(owed.due(clock.instant())); // a later reply came meanwhile: look at it now
            }
            metrics.mail(owed.siteId(), "not_needed");
            log.debug("No email for conversation {}: {}", owed.conversationId(), why);
        }

        void limited(long upToSeq, String why) {
            if (!mail.dropReplyMail(owed.conversationId(), upToSeq)) {
                mail.saveReplyMail(owed.due(clock.instant()));
            }
            metrics.mail(owed.siteId(), "limited");
            log.warn("No email for conversation {}: {}", owed.conversationId(), why);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        workers.shutdownNow();
    }
}
