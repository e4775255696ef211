package org.causette.server.config;

import java.util.List;
import java.util.Locale;

/**
 * A person of staff.json.
 *
 * @param skills       an agent's skills (routing)
 * @param expertise    an ambassador's product expertise (routing)
 * @param maxChats     how many conversations at once
 * @param passwordHash {@code pbkdf2-sha256$ITERATIONS$SALT$KEY}
 * @param avatarUrl    a photo the shopper sees beside the person's name, or null (their initial then)
 */
public record StaffMember(String id, String name, StaffRole role, List<String> skills, List<String> expertise,
                          List<String> languages, int maxChats, String passwordHash, String avatarUrl) {
    public StaffMember(String id, String name, StaffRole role, List<String> skills, List<String> expertise,
                       List<String> languages, int maxChats, String passwordHash) {
        this(id, name, role, skills, expertise, languages, maxChats, passwordHash, null);
    }

    public StaffMember {
        skills = List.copyOf(skills);
        expertise = List.copyOf(expertise);
        languages = List.copyOf(languages);
    }

    public enum StaffRole {
        AGENT, AMBASSADOR, ADMIN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return "StaffMember[id=" + id + ", role=" + role + "]";
    }
}
