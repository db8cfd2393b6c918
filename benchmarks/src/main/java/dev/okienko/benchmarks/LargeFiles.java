package dev.okienko.benchmarks;

import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureOptions;
import dev.okienko.signature.SignaturePackaging;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Signer;
import dev.okienko.signature.SigningKey;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.VerificationReport;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Signs large files and prints the peak heap it took: run it with a small {@code -Xmx} to show that the
 * streamed cases stay bounded. {@code java -Xmx256m -cp benchmarks.jar dev.okienko.benchmarks.LargeFiles
 * xades-detached 2048} signs a 2 GB file as detached XAdES-B and verifies it.
 */
public final class LargeFiles {
    private LargeFiles() {
    }

    /**
     * @param args {@code xades-detached|pades} and the size in MB
     * @throws IOException when the temporary file cannot be written
     */
    public static void main(String[] args) throws IOException {
        String kind = args.length > 0 ? args[0] : "xades-detached";
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        Path dir = Files.createTempDirectory("okienko-large");
        try (TestPki pki = TestPki.start()) {
            TrustConfiguration trust = TrustConfiguration.anchors(pki.rootCertificate());
            Signer signer = Signer.builder().trust(trust).build();
            SignatureVerifier verifier = SignatureVerifier.builder().trust(trust).build();
            SigningKey key = SigningKey.of(pki.person().toSystemCredentials());
            Path input = dir.resolve(kind.equals("pades") ? "large.pdf" : "large.bin");
            if (kind.equals("pades")) {
                TestDocuments.writePdf(input, "large", megabytes * 1024 * 1024);
            } else {
                writeRandom(input, megabytes * 1024 * 1024);
            }
            resetPeaks();
            long start = System.nanoTime();
            Content signed = kind.equals("pades")
                    ? signer.sign(Content.of(input), SignatureOptions.pades(), key)
                    : signer.sign(Content.of(input), SignatureOptions.xades(SignaturePackaging.DETACHED), key);
            long signMillis = (System.nanoTime() - start) / 1_000_000;
            long signPeak = peakHeap();
            System.out.printf("%s over %d MB (max heap %d MB): sign %d ms, peak heap %d MB%n", kind,
                    Files.size(input) / (1024 * 1024), Runtime.getRuntime().maxMemory() >> 20, signMillis, signPeak >> 20);
            resetPeaks();
            start = System.nanoTime();
            try {
                VerificationReport r = (kind.equals("pades") ? verifier.verify(signed)
                        : verifier.verify(signed, Content.of(input))).signatures().get(0);
                System.out.printf("  verify %d ms, peak heap %d MB, verdict %s%n", (System.nanoTime() - start) / 1_000_000,
                        peakHeap() >> 20, r.verdict());
            } catch (OutOfMemoryError e) {
                System.out.printf("  verify: out of memory with a %d MB heap%n", Runtime.getRuntime().maxMemory() >> 20);
            }
            signed.file().ifPresent(f -> f.toFile().delete());
        } finally {
            deleteFolder(dir);
        }
    }

    /** Deletes a flat temporary folder and the files in it. */
    static void deleteFolder(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    static void writeRandom(Path file, long bytes) throws IOException {
        byte[] chunk = new byte[1 << 20];
        new Random(7).nextBytes(chunk);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                chunk[0]++;
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
