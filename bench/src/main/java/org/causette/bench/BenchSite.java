package org.causette.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The site folder the staff runs give the hub ({@code --site DIR}): the demo shop's catalog and FAQ (taken from the
 * hub's jar, so the bot is the demo's), no business hours (always open: a hand-over never waits for the morning), and
 * {@code staff} bench agents {@code agent-0001} … plus one admin, {@code bench-admin}.
 *
 * <p><b>Bench-only passwords.</b> Every account's password is {@link #PASSWORD}, hashed with PBKDF2-HMAC-SHA256 at
 * {@link #ITERATIONS} iterations — the lowest the hub accepts (SiteLoader refuses fewer than 10,000), not the 210,000
 * of {@code hash-password}: 1,000 logins at 210,000 iterations would cost the hub minutes of CPU before the run. One
 * hash (one salt) serves every account: each login still derives its key as a real one does. Never use such a
 * staff.json for a real shop.
 */
final class BenchSite {
    static final String SITE_ID = "bench";
    static final String PASSWORD = "bench-only-password";
    static final String ADMIN = "bench-admin";
    /** The hub's floor (config/SiteLoader.checkPasswordHash). */
    static final int ITERATIONS = 10_000;
    /** Every skill the demo FAQ hands over with, so that any agent fits any hand-over. */
    static final List<String> SKILLS = List.of("sales", "b2b", "fauteuils", "canapes", "luminaires");

    private BenchSite() {
    }

    static String agentId(int index) {
        return String.format("agent-%04d", index + 1);
    }

    /**
     * Writes the folder.
     *
     * @param serverJar the hub's jar, whose {@code demo/site/catalog.json} and {@code faq.json} are copied (skipped
     *                  when absent: the built-in intents still hand over)
     * @param maxChats  each agent's capacity; 0 makes watchers that routing never gives a conversation to
     */
    static Path write(Path dir, Path serverJar, int staff, int maxChats) throws IOException {
        Files.createDirectories(dir);
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode site = json.objectNode();
        site.put("id", SITE_ID);
        site.put("name", "Bench shop");
        site.putArray("languages").add("en").add("fr");
        site.put("currency", "EUR");
        site.putArray("allowedOrigins");
        site.put("timezone", "Europe/Paris");
        site.put("retentionDays", 365);
        site.putObject("bot").put("name", "Colette");
        Results.JSON.writeValue(dir.resolve("site.json").toFile(), site);

        String hash = hash(PASSWORD.toCharArray());
        ObjectNode root = json.objectNode();
        ArrayNode people = root.putArray("staff");
        for (int i = 0; i < staff; i++) {
            ObjectNode agent = people.addObject();
            agent.put("id", agentId(i));
            agent.put("name", "Agent " + (i + 1));
            agent.put("role", "agent");
            ArrayNode skills = agent.putArray("skills");
            SKILLS.forEach(skills::add);
            agent.putArray("languages").add("en").add("fr");
            agent.put("maxChats", maxChats);
            agent.put("passwordHash", hash);
        }
        ObjectNode admin = people.addObject();
        admin.put("id", ADMIN);
        admin.put("role", "admin");
        admin.put("passwordHash", hash);
        Results.JSON.writeValue(dir.resolve("staff.json").toFile(), root);

        if (serverJar != null && Files.isRegularFile(serverJar)) {
            try (ZipFile jar = new ZipFile(serverJar.toFile())) {
                for (String file : List.of("catalog.json", "faq.json")) {
                    ZipEntry entry = jar.getEntry("demo/site/" + file);
                    if (entry != null) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.write(dir.resolve(file), in.readAllBytes());
                        }
                    }
                }
            }
        }
        return dir;
    }

    /** {@code pbkdf2-sha256$ITERATIONS$SALT$KEY} as docs/site-files.md writes it, at {@link #ITERATIONS}. */
    static String hash(char[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return "pbkdf2-sha256$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                    + Base64.getEncoder().encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
