package dev.okienko.benchmarks;

import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.VerificationException;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Verifies the signed files of DSS's own tests (shared/vectors/dss) with okienko and with DSS directly, in one run,
 * rounds interleaved, and prints the time per file of each, per format: what okienko's checks (format detection by
 * structure, XML bounds, container bounds, PDF page comparison) cost over DSS on files made by many implementations.
 * Both offline, without trust, DSS with its default policy loaded once.
 *
 * <p>{@code java -cp benchmarks.jar dev.okienko.benchmarks.VectorsSpeed [SHARED_DIR] [ROUNDS]}
 */
public final class VectorsSpeed {
    private VectorsSpeed() {
    }

    /**
     * @param args the shared folder (default {@code ../shared}) and the measured rounds (default 10)
     * @throws IOException when the vectors cannot be listed
     */
    public static void main(String[] args) throws IOException {
        Path dss = Path.of(args.length > 0 ? args[0] : "../shared", "vectors", "dss");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SignatureVerifier okienko = SignatureVerifier.builder().offline().trust(TrustConfiguration.anchors(List.of())).build();
        ValidationPolicy policy = ValidationPolicyLoader.fromDefaultValidationPolicy().create();
        System.out.printf("%-16s %5s %16s %16s %9s%n", "format", "files", "okienko ms/file", "DSS ms/file", "okienko's cost");
        double okTotal = 0;
        double dssTotal = 0;
        int allFiles = 0;
        for (String group : List.of("dss-cades", "dss-asic-cades", "dss-asic-xades", "dss-pades")) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dss.resolve(group))) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            // two rounds of warm-up each, then the measured rounds interleaved: okienko first in even rounds
            for (int i = 0; i < 2; i++) {
                runOkienko(okienko, files);
                runDss(policy, files);
            }
            double[] ok = new double[rounds];
            double[] direct = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    ok[r] = runOkienko(okienko, files);
                    direct[r] = runDss(policy, files);
                } else {
                    direct[r] = runDss(policy, files);
                    ok[r] = runOkienko(okienko, files);
                }
            }
            double okMedian = median(ok) / files.size();
            double dssMedian = median(direct) / files.size();
            okTotal += median(ok);
            dssTotal += median(direct);
            allFiles += files.size();
            System.out.printf(Locale.ROOT, "%-16s %5d %16.2f %16.2f %+8.1f %%%n", group, files.size(), okMedian, dssMedian,
                    100 * (okMedian / dssMedian - 1));
        }
        System.out.printf(Locale.ROOT, "%-16s %5d %16.2f %16.2f %+8.1f %%%n", "all", allFiles, okTotal / allFiles,
                dssTotal / allFiles, 100 * (okTotal / dssTotal - 1));
    }

    /** @return milliseconds for the whole list */
    private static double runOkienko(SignatureVerifier verifier, List<Path> files) {
        long start = System.nanoTime();
        for (Path f : files) {
            try {
                verifier.verify(Content.of(f));
            } catch (VerificationException e) {
                // refused files cost their refusal, as in DSS
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** @return milliseconds for the whole list */
    private static double runDss(ValidationPolicy policy, List<Path> files) {
        long start = System.nanoTime();
        for (Path f : files) {
            try {
                SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(f.toFile()));
                CommonCertificateVerifier cv = new CommonCertificateVerifier();
                cv.setAIASource(null);
                cv.setOcspSource(null);
                cv.setCrlSource(null);
                validator.setCertificateVerifier(cv);
                validator.validateDocument(policy);
            } catch (RuntimeException e) {
                // DSS refuses some files (EXPECTED.md: EXCEPTION)
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
