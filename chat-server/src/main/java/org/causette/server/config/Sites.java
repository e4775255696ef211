package org.causette.server.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The sites this server runs, by id. */
public final class Sites {
    public static final String DEMO_ID = "demo";

    private final Map<String, Site> byId;
    private final boolean demo;

    public Sites(Collection<Site> sites, boolean demo) {
        Map<String, Site> map = new LinkedHashMap<>();
        for (Site site : sites) {
            if (map.putIfAbsent(site.id(), site) != null) {
                throw new ConfigException("site.json", "id", "\"" + site.id() + "\" is used by two site folders");
            }
        }
        this.byId = Map.copyOf(map);
        this.demo = demo;
    }

    public Optional<Site> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    public Collection<Site> all() {
        return byId.values();
    }

    /** Whether the bundled demo shop runs (and its store front is served at /). */
    public boolean demo() {
        return demo;
    }
}
