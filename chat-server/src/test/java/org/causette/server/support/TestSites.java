package org.causette.server.support;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** The site folders the tests run with. */
public final class TestSites {
    public static final String IDENTITY_SECRET = "test-identity-secret-0123456789";
    /**
     * The environment the test site needs (its identity secret is an {@code env:} reference). Every test client
     * connects from 127.0.0.1, and protocol tests make many visitors a minute: the cap on new visitors per address is
     * off here, and NewVisitorLimitTest checks it with its own setting.
     */
    public static final Map<String, String> ENV = Map.of("TEST_SHOP_IDENTITY_SECRET", IDENTITY_SECRET,
            "CAUSETTE_NEW_VISITORS_PER_ADDRESS", "0");
    public static final String ALLOWED_ORIGIN = "https://shop.example";

    private TestSites() {
    }

    public static Path testShop() {
        return resource("sites/test-shop");
    }

    public static Path resource(String name) {
        try {
            return Path.of(TestSites.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
