package org.causette.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a site emails a shopper who left before staff answered (site.json {@code mail}, docs/email.md). Without a
 * {@code mail} object a site sends no email at all.
 *
 * @param host               the SMTP server
 * @param port               default 587 for starttls, 465 for smtps, 25 for none
 * @param security           how the connection to the SMTP server is protected
 * @param username           null: no SMTP authentication
 * @param password           an {@code env:} secret in practice; never logged nor shown ({@link #toString})
 * @param from               the sender address shoppers see ({@code "Maison Sauge <chat@sauge.example>"} or a bare address)
 * @param linkUrl            the shop page carrying the widget that the email's link opens (the token goes in its fragment)
 * @param awayAfter          {@code awayMinutes}: how long the shopper must have had no open connection before an email
 * @param linkLifetime       {@code linkHours}: how long the email's link reopens the conversation
 * @param maxPerConversation at most this many emails for one conversation
 * @param maxPerDay          at most this many emails a day (UTC) for the whole site
 * @param batch              {@code batchSeconds}: replies written within this long of the first go in one email
 */
public record MailSettings(String host, int port, Security security, String username, String password, String from,
                           String linkUrl, Duration awayAfter, Duration linkLifetime, int maxPerConversation,
                           int maxPerDay, Duration batch) {
    public static final int DEFAULT_AWAY_MINUTES = 5;
    /** One minute at least: a connected shopper's presence is renewed more often than that (every node, every 20 s). */
    public static final int MIN_AWAY_MINUTES = 1;
    public static final int MAX_AWAY_MINUTES = 24 * 60;
    public static final int DEFAULT_LINK_HOURS = 72;
    public static final int MAX_LINK_HOURS = 30 * 24;
    public static final int DEFAULT_MAX_PER_CONVERSATION = 5;
    public static final int DEFAULT_MAX_PER_DAY = 1_000;
    public static final int DEFAULT_BATCH_SECONDS = 20;
    public static final int MAX_BATCH_SECONDS = 600;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");
    /** The address inside a from: a bare address or the part between angle brackets; deliberately simple. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z0-9-]{1,63}");
    private static final Pattern NAMED_ADDRESS = Pattern.compile("[^<>\"\\r\\n]{0,100}<([^<>\\s]{3,320})>");

    /** How the SMTP connection is protected. */
    public enum Security {
        /** Plain SMTP: only for a relay on the same host or network. */
        NONE(25),
        /** SMTP upgraded with STARTTLS, required (a server that does not offer it fails the send). */
        STARTTLS(587),
        /** SMTP over TLS from the first byte (SMTPS). */
        SMTPS(465);

        private final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(linkUrl, "linkUrl");
        Objects.requireNonNull(awayAfter, "awayAfter");
        Objects.requireNonNull(linkLifetime, "linkLifetime");
        Objects.requireNonNull(batch, "batch");
    }

    /** The bare sender address (inside the angle brackets when the from has a name). */
    public String fromAddress() {
        var named = NAMED_ADDRESS.matcher(from);
        return named.matches() ? named.group(1) : from;
    }

    /** The domain of the sender, for the emails' Message-ID. */
    public String fromDomain() {
        String address = fromAddress();
        return address.substring(address.lastIndexOf('@') + 1);
    }

    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", security=" + security.wireName() + ", username="
                + username + ", password=" + (password == null ? "none" : "(set)") + ", from=" + from + "]";
    }

    /** Reads site.json's {@code mail} object; null when there is none (the site sends no email). */
    static MailSettings from(JsonFields site) {
        if (!site.has("mail") || site.raw("mail").isNull()) {
            return null;
        }
        if (!site.raw("mail").isObject()) {
            throw site.fail("mail", "must be an object like {\"host\": \"smtp.example\", \"from\": \"chat@shop.example\", …}");
        }
        JsonFields mail = site.optionalObject("mail");
        String host = mail.requiredText("host");
        if (!HOST.matcher(host).matches()) {
            throw mail.fail(mail.fieldPath("host"), "\"" + host + "\" is not a host name or address like smtp.example.com");
        }
        String securityName = mail.optionalText("security", Security.STARTTLS.wireName());
        Security security;
        try {
            security = Security.valueOf(securityName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw mail.fail(mail.fieldPath("security"), "\"" + securityName + "\" is not none, starttls or smtps");
        }
        int port = mail.optionalInt("port", security.defaultPort(), 1, 65_535);
        String username = mail.optionalText("username", null);
        String password = mail.optionalText("password", null);
        if (password != null && username == null) {
            throw mail.fail(mail.fieldPath("password"), "is set but no username goes with it");
        }
        if (username != null && password == null) {
            throw mail.fail(mail.fieldPath("username"), "is set but no password goes with it (use \"env:NAME\" for the secret)");
        }
        if (password != null && security == Security.NONE) {
            throw mail.fail(mail.fieldPath("security"), "is none, so the password would cross the network in clear: use starttls or smtps");
        }
        String from = mail.requiredText("from");
        var named = NAMED_ADDRESS.matcher(from);
        String address = named.matches() ? named.group(1) : from;
        if (!ADDRESS.matcher(address).matches()) {
            throw mail.fail(mail.fieldPath("from"), "\"" + from + "\" is not an address like chat@shop.example or \"Shop <chat@shop.example>\"");
        }
        String linkUrl = mail.requiredText("linkUrl");
        if (!linkUrl.matches("https?://[^\\s#]+") || linkUrl.length() > 1_000) {
            throw mail.fail(mail.fieldPath("linkUrl"), "\"" + linkUrl + "\" is not an http(s) URL without a fragment (the shop page with the widget)");
        }
        int away = mail.optionalInt("awayMinutes", DEFAULT_AWAY_MINUTES, MIN_AWAY_MINUTES, MAX_AWAY_MINUTES);
        int linkHours = mail.optionalInt("linkHours", DEFAULT_LINK_HOURS, 1, MAX_LINK_HOURS);
        int perConversation = mail.optionalInt("maxPerConversation", DEFAULT_MAX_PER_CONVERSATION, 1, 100);
        int perDay = mail.optionalInt("maxPerDay", DEFAULT_MAX_PER_DAY, 1, 1_000_000);
        int batch = mail.optionalInt("batchSeconds", DEFAULT_BATCH_SECONDS, 0, MAX_BATCH_SECONDS);
        return new MailSettings(host, port, security, username, password, from, linkUrl, Duration.ofMinutes(away),
                Duration.ofHours(linkHours), perConversation, perDay, Duration.ofSeconds(batch));
    }
}
