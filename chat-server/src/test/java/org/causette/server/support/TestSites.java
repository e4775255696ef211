package org.causette.server.support;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** The site folders the tests run with. */
public final class TestSites {
    public static final String IDENTITY_SECRET = "test-identity-secret-0123456789";
    /** The environment the test site needs (its identity secret is an {@code env:} reference). */
    public static final Map<String, String> ENV = Map.of("TEST_SHOP_IDENTITY_SECRET", IDENTITY_SECRET);
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
