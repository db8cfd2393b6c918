package dev.okienko.examples.readme;

import dev.okienko.testkit.pki.TestIdentity;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

// tag::testkit-pki[]
@ExtendWith(TestPkiExtension.class)
class MySigningTest {
    @Test
    void sign(TestPki pki, @TempDir Path dir) {
        TestIdentity jan = pki.person();          // C=PL, GIVENNAME, SURNAME, SERIALNUMBER=PNOPL-<PESEL>
        TestIdentity office = pki.seal();         // organizationIdentifier=VATPL-<NIP>
        URI tsa = pki.tsaUri();                   // RFC 3161 over http://127.0.0.1:<port>/tsa
        TestIdentity revoked = pki.revokedPerson();   // also expiredPerson(), trustedProfileSeal(), epuapServer()
        jan.writePkcs12(dir.resolve("jan.p12"), "secret".toCharArray());
    }
}
// end::testkit-pki[]
