package dev.okienko.testkit.seeded;

import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Signer;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.pki.TestPki;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a JUnit 5 test class the simulators, started and seeded as {@code okienko simulate} seeds them
 * ({@link Simulation}: the office's system registered with both services, its ePUAP boxes, three addresses in BAE),
 * on one shared {@link SimulatorClock}, and clients ready to talk to them: the office's own e-Doręczenia
 * {@link Mailbox} and {@link AddressBook} with a {@link SignedJwtTokenProvider}, an {@link EpuapClient} acting for
 * the office, and a {@link Signer} and {@link SignatureVerifier} that trust the test PKI. They are started once per
 * test class (before the first test that asks) and closed after it; every client shares the simulators' clock, so
 * moving it forward (to expire a token, to reach presumed delivery) keeps tokens and verdicts consistent.
 *
 * <p>Ask for any of them as a parameter of a test, lifecycle method or constructor, or as a field marked
 * {@link Simulated} (static or not):
 *
 * <pre>{@code
 * @ExtendWith(SimulationExtension.class)
 * class SendingTest {
 *     @Simulated Mailbox mailbox;
 *
 *     @Test
 *     void letterToTheTaxOffice_isAccepted(AddressBook addresses, SimulatorClock clock) {
 *         Letter letter = Letter.builder().to(Simulation.OFFICE_ADE).subject("Wezwanie").text("W załączeniu.").build();
 *         SendReport report = mailbox.await(mailbox.send(letter), Duration.ofSeconds(10));
 *         assertThat(report.allAccepted()).isTrue();
 *         clock.advance(Duration.ofDays(15));   // presumed delivery; the token provider follows the same clock
 *     }
 * }
 * }</pre>
 *
 * <p>Types given: {@link Simulation}, {@link TestPki}, {@link EDeliverySimulator}, {@link EpuapSimulator},
 * {@link SimulatorClock}, {@link SignedJwtTokenProvider}, {@link Mailbox}, {@link AddressBook}, {@link EpuapClient},
 * {@link Signer}, {@link SignatureVerifier}. The constants of {@link Simulation} name what is seeded.
 */
public final class SimulationExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SimulationExtension.class);

    /** Marks a field to be given one of the types {@link SimulationExtension} provides. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Simulated {
    }

    /** The types given, and how each is made from the running simulators. */
    private static final Map<Class<?>, Function<Session, Object>> PROVIDED = new LinkedHashMap<>();

    static {
        PROVIDED.put(Simulation.class, s -> s.simulation);
        PROVIDED.put(TestPki.class, s -> s.simulation.pki());
        PROVIDED.put(EDeliverySimulator.class, s -> s.simulation.edelivery());
        PROVIDED.put(EpuapSimulator.class, s -> s.simulation.epuap());
        PROVIDED.put(SimulatorClock.class, s -> s.clock);
        PROVIDED.put(SignedJwtTokenProvider.class, Session::tokens);
        PROVIDED.put(Mailbox.class, s -> Mailbox.builder().environment(s.simulation.edelivery().environment())
                .tokens(s.tokens()).address(Simulation.OWN_ADE).clock(s.clock).pollInterval(Duration.ofMillis(50)).build());
        PROVIDED.put(AddressBook.class, s -> AddressBook.builder().environment(s.simulation.edelivery().environment())
                .tokens(s.tokens()).sender(Simulation.OWN_ADE).clock(s.clock).build());
        PROVIDED.put(EpuapClient.class, s -> EpuapClient.builder().environment(s.simulation.epuap().environment())
                .credentials(s.simulation.pki().seal().toSystemCredentials())
                .serverCertificate(s.simulation.pki().epuapServer().certificate()).build());
        PROVIDED.put(Signer.class, s -> Signer.builder().tsa(s.simulation.pki().tsaUri()).trust(s.trust()).clock(s.clock).build());
        PROVIDED.put(SignatureVerifier.class, s -> SignatureVerifier.builder().trust(s.trust()).clock(s.clock).build());
    }

    /** Used by JUnit. */
    public SimulationExtension() {
    }

    /** @return the types a test can ask for */
    public static Set<Class<?>> providedTypes() {
        return PROVIDED.keySet();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        java.util.List<Field> fields = fields(context.getRequiredTestClass()); // a wrong field fails before anything starts
        Session session = session(context);
        for (Field f : fields) {
            if (Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                f.set(null, session.get(f.getType()));
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        Session session = session(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field f : fields(instance.getClass())) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    f.set(instance, session.get(f.getType()));
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return PROVIDED.containsKey(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return session(extensionContext).get(parameterContext.getParameter().getType());
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot start the simulators for " + parameterContext.getParameter()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The fields marked {@link Simulated}, each checked to be of a type given. */
    static java.util.List<Field> fields(Class<?> type) {
        java.util.List<Field> out = new java.util.ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Simulated.class)) {
                    if (!PROVIDED.containsKey(f.getType())) {
                        throw new ExtensionConfigurationException("@Simulated " + c.getSimpleName() + "." + f.getName()
                                + ": SimulationExtension gives none of type " + f.getType().getName() + ", only "
                                + PROVIDED.keySet().stream().map(Class::getSimpleName).toList());
                    }
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** The class's session: started in the outermost class context that uses the extension, closed with it. */
    private static Session session(ExtensionContext context) {
        ExtensionContext owner = context;
        while (owner.getTestMethod().isPresent() || owner.getParent().filter(p -> p.getTestClass().isPresent()).isPresent()) {
            owner = owner.getParent().orElseThrow();
        }
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(Session.class, k -> new Session(), Session.class);
    }

    /**
     * The simulators of one test class and the clients made for it, each made once, on first use. Closed by JUnit
     * with the class's store (a CloseableResource too, for JUnit before 5.13).
     */
    @SuppressWarnings("deprecation")
    private static final class Session implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        private final SimulatorClock clock = SimulatorClock.systemUtc();
        private final Simulation simulation = Simulation.builder().clock(clock).start();
        private final Map<Class<?>, Object> made = new LinkedHashMap<>();

        synchronized Object get(Class<?> type) {
            Object value = made.get(type);
            if (value == null) {
                value = PROVIDED.get(type).apply(this);
                made.put(type, value);
            }
            return value;
        }

        SignedJwtTokenProvider tokens() {
            return (SignedJwtTokenProvider) made.computeIfAbsent(SignedJwtTokenProvider.class, k -> SignedJwtTokenProvider.builder()
                    .environment(simulation.edelivery().environment()).credentials(simulation.pki().seal().toSystemCredentials())
                    .system(Simulation.OWN_ADE, Simulation.SYSTEM_NAME).clock(clock).build());
        }

        TrustConfiguration trust() {
            return TrustConfiguration.anchors(simulation.pki().rootCertificate());
        }

        @Override
        public void close() {
            simulation.close();
        }
    }
}
