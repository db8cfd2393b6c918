package dev.okienko.examples;

import dev.okienko.core.ClientException;
import dev.okienko.signature.TrustConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads certificates given on the command line (PEM or DER, one or more per file). */
final class Certificates {
    private Certificates() {
    }

    static TrustConfiguration trust(List<Path> files) {
        return TrustConfiguration.anchors(readAll(files));
    }

    static List<X509Certificate> readAll(List<Path> files) {
        List<X509Certificate> certs = new ArrayList<>();
        for (Path file : files) {
            certs.addAll(read(file));
        }
        return certs;
    }

    static List<X509Certificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new ClientException(file + " holds no certificate");
            }
            return certs;
        } catch (IOException | CertificateException e) {
            throw new ClientException("cannot read a certificate from " + file + ": " + e.getMessage(), e);
        }
    }
}
