package org.causette.server.config;

import org.causette.bot.Bot;
import org.causette.bot.knowledge.SiteKnowledge;

import java.util.List;
import java.util.Optional;

/**
 * A running site: its configuration, staff, knowledge and trained bot.
 *
 * @param catalogJson the catalog as JSON, for the demo store front's pages
 */
public record Site(SiteConfig config, List<StaffMember> staff, SiteKnowledge knowledge, Bot bot, byte[] catalogJson) {
    public Site {
        staff = List.copyOf(staff);
    }

    public String id() {
        return config.id();
    }

    public Optional<StaffMember> staffMember(String staffId) {
        return staff.stream().filter(s -> s.id().equals(staffId)).findFirst();
    }
}
