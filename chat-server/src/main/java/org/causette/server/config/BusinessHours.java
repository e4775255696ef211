package org.causette.server.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When people are at work, in the site's time zone. Keys name a day ({@code "sat"}) or a range of days
 * ({@code "mon-fri"}); values are one or more ranges {@code "09:00-12:30,14:00-19:00"}. Absent: always open.
 */
public final class BusinessHours {
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private record Opening(LocalTime from, LocalTime to) {
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Opening>> openings;

    private BusinessHours(ZoneId zone, Map<DayOfWeek, List<Opening>> openings) {
        this.zone = zone;
        this.openings = openings;
    }

    public static BusinessHours alwaysOpen(ZoneId zone) {
        return new BusinessHours(zone, null);
    }

    static BusinessHours parse(JsonFields hours, Map<String, String> entries, ZoneId zone, String fieldPath) {
        Map<DayOfWeek, List<Opening>> openings = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String field = fieldPath + "." + entry.getKey();
            for (DayOfWeek day : days(entry.getKey(), hours, field)) {
                if (openings.containsKey(day)) {
                    throw hours.fail(field, day.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH)
                            + " is given twice");
                }
                openings.put(day, ranges(entry.getValue(), hours, field));
            }
        }
        return new BusinessHours(zone, openings);
    }

    private static List<DayOfWeek> days(String key, JsonFields hours, String field) {
        String[] ends = key.toLowerCase(Locale.ROOT).split("-", -1);
        if (ends.length > 2 || !DAY_NAMES.contains(ends[0]) || !DAY_NAMES.contains(ends[ends.length - 1])) {
            throw hours.fail(field, "\"" + key + "\" is not a day (mon … sun) or a range of days like mon-fri");
        }
        int first = DAY_NAMES.indexOf(ends[0]);
        int last = DAY_NAMES.indexOf(ends[ends.length - 1]);
        if (last < first) {
            throw hours.fail(field, "\"" + key + "\" runs backwards");
        }
        List<DayOfWeek> days = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            days.add(DayOfWeek.of(i + 1));
        }
        return days;
    }

    private static List<Opening> ranges(String value, JsonFields hours, String field) {
        List<Opening> ranges = new ArrayList<>();
        for (String part : value.split(",")) {
            String[] bounds = part.trim().split("-");
            try {
                if (bounds.length != 2) {
                    throw new IllegalArgumentException();
                }
                LocalTime from = LocalTime.parse(bounds[0].trim());
                LocalTime to = LocalTime.parse(bounds[1].trim());
                if (!to.isAfter(from)) {
                    throw hours.fail(field, "\"" + part.trim() + "\" ends before it starts");
                }
                ranges.add(new Opening(from, to));
            } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
                throw hours.fail(field, "\"" + part.trim() + "\" is not a time range like 09:00-19:00");
            }
        }
        return List.copyOf(ranges);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isOpen(java.time.Instant now) {
        if (openings == null) {
            return true;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        return openings.getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .anyMatch(o -> !time.isBefore(o.from) && time.isBefore(o.to));
    }

    /** The next moment people are at work, or empty when always open or never open. */
    public Optional<ZonedDateTime> nextOpening(java.time.Instant now) {
        if (openings == null || openings.isEmpty()) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        for (int dayOffset = 0; dayOffset <= 7; dayOffset++) {
            ZonedDateTime day = local.plusDays(dayOffset);
            for (Opening opening : openings.getOrDefault(day.getDayOfWeek(), List.of())) {
                ZonedDateTime start = day.with(opening.from);
                if (start.isAfter(local)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }
}
