package org.causette.server.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lets tests in other packages build business hours the way site.json does. */
public final class BusinessHoursAccess {
    private BusinessHoursAccess() {
    }

    public static BusinessHours parse(String zone, String... keysAndValues) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return BusinessHours.parse(JsonFields.root("site.json", JsonNodeFactory.instance.objectNode()), entries,
                ZoneId.of(zone), "businessHours");
    }
}
