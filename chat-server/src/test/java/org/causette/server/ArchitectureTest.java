package org.causette.server;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of docs/architecture.md, checked on the compiled classes: a forbidden import or a cycle between two
 * packages fails the build with the offending class and line. Top to bottom: the wiring, the edges (sockets and
 * webhooks), the use cases, the domain, the conversation core, the store and cluster interfaces with their
 * implementations, and the base everyone reads (the wire, config, metrics).
 */
@AnalyzeClasses(packages = "org.causette.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ROOT = "org.causette.server";
    private static final String CLI = "org.causette.server.cli..";
    private static final String HTTP = "org.causette.server.http..";
    private static final String WS = "org.causette.server.ws..";
    private static final String CHANNEL = "org.causette.server.channel..";
    private static final String MAIL = "org.causette.server.mail..";
    private static final String USECASE = "org.causette.server.usecase..";
    private static final String[] DOMAIN = {"org.causette.server.routing..", "org.causette.server.marketing..",
            "org.causette.server.insights..", "org.causette.server.customer..", "org.causette.server.auth.."};
    private static final String CONVERSATION = "org.causette.server.conversation..";
    private static final String STORE = "org.causette.server.store..";
    private static final String CLUSTER = "org.causette.server.cluster..";
    private static final String WIRE = "org.causette.server.wire..";
    private static final String CONFIG = "org.causette.server.config..";
    private static final String METRICS = "org.causette.server.metrics..";

    /** No two packages need each other: each can be read, tested and changed from the bottom up. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.causette.server.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersRunOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Wiring").definedBy(ROOT, CLI)
            .layer("Edges").definedBy(HTTP, WS, CHANNEL, MAIL)
            .layer("UseCases").definedBy(USECASE)
            .layer("Domain").definedBy(DOMAIN)
            .layer("Conversation").definedBy(CONVERSATION)
            .layer("Persistence").definedBy(STORE, CLUSTER)
            .layer("Base").definedBy(WIRE, CONFIG, METRICS)
            .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
            .whereLayer("Edges").mayOnlyBeAccessedByLayers("Wiring")
            .whereLayer("UseCases").mayOnlyBeAccessedByLayers("Wiring", "Edges")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Wiring", "Edges", "UseCases")
            .whereLayer("Conversation").mayOnlyBeAccessedByLayers("Wiring", "Edges", "UseCases", "Domain")
            .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Wiring", "Edges", "UseCases", "Domain",
                    "Conversation");

    /** The domain reaches visitors and staff through session interfaces; sockets and frames of Netty stay at the edge. */
    @ArchTest
    static final ArchRule onlyTheEdgesKnowNetty = noClasses()
            .that().resideInAnyPackage(concat(DOMAIN, USECASE, CONVERSATION, STORE, CLUSTER, WIRE, CONFIG, MAIL))
            .should().dependOnClassesThat().resideInAPackage("io.netty..");

    /** The socket layer and the channels are two edges side by side; HTTP routes to both. */
    @ArchTest
    static final ArchRule socketsKnowNeitherHttpNorChannels = noClasses()
            .that().resideInAPackage(WS).should().dependOnClassesThat().resideInAnyPackage(HTTP, CHANNEL);

    @ArchTest
    static final ArchRule channelsKnowNeitherHttpNorSockets = noClasses()
            .that().resideInAPackage(CHANNEL).should().dependOnClassesThat().resideInAnyPackage(HTTP, WS);

    /** Email is an edge of its own: it talks to an SMTP server, never to sockets, HTTP or the chat channels. */
    @ArchTest
    static final ArchRule mailKnowsNoOtherEdge = noClasses()
            .that().resideInAPackage(MAIL).should().dependOnClassesThat().resideInAnyPackage(HTTP, WS, CHANNEL);

    /** Site files are data: reading them needs neither the marketing engine nor the store. */
    @ArchTest
    static final ArchRule configIsData = noClasses()
            .that().resideInAPackage(CONFIG)
            .should().dependOnClassesThat().resideInAnyPackage("org.causette.server.marketing..", STORE);

    /** Only the wiring picks an implementation; everyone else holds the interfaces. */
    @ArchTest
    static final ArchRule implementationsAreChosenByTheWiring = noClasses()
            .that().resideOutsideOfPackages(ROOT, STORE, CLUSTER)
            .should().dependOnClassesThat().resideInAnyPackage("org.causette.server.store.redis..",
                    "org.causette.server.store.memory..")
            .orShould().dependOnClassesThat().haveSimpleName("RedisBroker")
            .orShould().dependOnClassesThat().haveSimpleName("LocalBroker");

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
