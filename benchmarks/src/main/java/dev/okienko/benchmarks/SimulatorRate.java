package dev.okienko.benchmarks;

import dev.okienko.core.Ade;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import java.util.Arrays;

/**
 * How many requests a second the embedded simulators answer on one kept-alive connection: address
 * confirmations through okienko's {@code AddressBook} against the embedded e-Doręczenia SE API, one after the
 * other, each a real HTTP exchange over loopback with a bearer token. Prints the rate and the latency's median
 * and 99th percentile. {@code java -cp benchmarks.jar dev.okienko.benchmarks.SimulatorRate 2000}; add
 * {@code -Dsun.net.httpserver.nodelay=false} to see the rate with Nagle's algorithm on, as it was.
 */
public final class SimulatorRate {
    private static final Ade OURS = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    private static final Ade THEIRS = Ade.parse("AE:PL-10609-91337-SAIBG-23");

    private SimulatorRate() {
    }

    /**
     * @param args how many timed requests (default 2000), after 200 for warming up
     */
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (TestPki pki = TestPki.start(); EDeliverySimulator edelivery = EDeliverySimulator.start(pki)) {
            edelivery.registerSystem(OURS, "EZD", pki.seal().certificate()).addAddress(BaeEntry.publicBody(
                    THEIRS, "Urząd Skarbowy Testowo", TestData.nip(526025027), "Testowo"));
            SignedJwtTokenProvider tokens = SignedJwtTokenProvider.builder().environment(edelivery.environment())
                    .credentials(pki.seal().toSystemCredentials()).system(OURS, "EZD").build();
            AddressBook bae = AddressBook.builder().environment(edelivery.environment()).tokens(tokens).sender(OURS).build();
            for (int i = 0; i < 200; i++) {
                bae.confirm(THEIRS).orElseThrow();
            }
            long[] nanos = new long[count];
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long t = System.nanoTime();
                bae.confirm(THEIRS).orElseThrow();
                nanos[i] = System.nanoTime() - t;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            System.out.printf("%d requests on one connection in %.2f s: %.0f requests/s, median %.2f ms, p99 %.2f ms"
                            + " (sun.net.httpserver.nodelay=%s)%n", count, seconds, count / seconds, nanos[count / 2] / 1e6,
                    nanos[(int) (count * 0.99)] / 1e6, System.getProperty("sun.net.httpserver.nodelay"));
        }
    }
}
