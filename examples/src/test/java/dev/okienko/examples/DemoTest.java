package dev.okienko.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Runs the whole demo, as {@code ./okienko demo} does, and checks it got what it expected. */
class DemoTest {

    @Test
    void run_againstEmbeddedServices_everyStepAsExpected() {
        StringWriter out = new StringWriter();

        boolean ok = new Demo(new PrintWriter(out, true)).run();

        assertThat(out.toString())
                .contains("OCSP responder   http://127.0.0.1:")
                .containsPattern("Anna Nowak +expected revoked +got revoked +ok")
                .containsPattern("Piotr Wiśniewski +expected expired +got expired +ok")
                .containsPattern("revoked person listed +expected yes +got yes +ok")
                .containsPattern("wrong password +expected refused +got refused \\(WRONG_PASSWORD\\) ok")
                .containsPattern("signed letter +expected VALID +got VALID +ok")
                .containsPattern("format +expected XAdES-BASELINE-LT +got XAdES-BASELINE-LT +ok")
                .containsPattern("signed PDF +expected VALID +got VALID +ok")
                .containsPattern("format +expected PAdES-BASELINE-LT +got PAdES-BASELINE-LT +ok")
                .containsPattern("changed letter +expected INVALID +got INVALID +ok")
                .containsPattern("trusted profile +expected TRUSTED_PROFILE +got TRUSTED_PROFILE +ok")
                .containsPattern("forged seal +expected ADVANCED +got ADVANCED +ok")
                .containsPattern("qualified +expected QUALIFIED +got QUALIFIED +ok")
                .contains("NOT a trusted profile signature")
                .containsPattern("back at success page +expected https://ezd.example/podpisano +got https://ezd.example/podpisano +ok")
                .containsPattern("kind +expected TRUSTED_PROFILE +got TRUSTED_PROFILE +ok")
                .containsPattern("documents pulled +expected 1 +got 1 +ok")
                .containsPattern("left in the inbox +expected 0 +got 0 +ok")
                .containsPattern("evidences +expected A.1 D.1 E.1 +got A.1 D.1 E.1 +ok")
                .containsPattern("all evidences genuine +expected yes +got yes +ok")
                .containsPattern("status after 14 days +expected Uznana za doręczoną +got Uznana za doręczoną +ok")
                .contains("Demo finished: every step got what it expected.")
                .doesNotContain("UNEXPECTED")
                .doesNotContain("44051401359");
        assertThat(ok).isTrue();
    }

    @Test
    void demoCommand_exitsZero() {
        StringWriter out = new StringWriter();

        int code = OkienkoCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "demo");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Demo finished");
    }
}
