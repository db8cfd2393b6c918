package dev.okienko.testkit.pki;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives JUnit 5 tests a running {@link TestPki}: one per test run, started on first use and stopped when
 * the run ends, shared by every test class that uses the extension.
 *
 * <pre>{@code
 * @ExtendWith(TestPkiExtension.class)
 * class SigningTest {
 *     @Test
 *     void sign_person_verifies(TestPki pki) { ... }
 * }
 * }</pre>
 */
public final class TestPkiExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestPkiExtension.class);

    /** Used by JUnit. */
    public TestPkiExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestPki.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return pki(extensionContext);
    }

    /**
     * @param context any extension context of the run
     * @return the run's PKI, started on first use
     */
    public static TestPki pki(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestPki.class, k -> TestPki.start(), TestPki.class);
    }
}
