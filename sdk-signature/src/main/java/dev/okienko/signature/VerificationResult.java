package dev.okienko.signature;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything a verification produced: a {@link VerificationReport} per signature, and for experts DSS's
 * full reports as XML (simple, detailed, diagnostic data, and the ETSI TS 119 102-2 validation report) and
 * an HTML rendering of the simple report.
 */
public final class VerificationResult {
    private final List<VerificationReport> signatures;
    private final List<TimestampReport> timestamps;
    private final @Nullable ContainerReport container;
    private final Supplier<String> simpleReportXml;
    private final Supplier<String> detailedReportXml;
    private final Supplier<String> diagnosticDataXml;
    private final Supplier<String> etsiReportXml;
    private final Supplier<String> html;

    VerificationResult(List<VerificationReport> signatures, List<TimestampReport> timestamps, @Nullable ContainerReport container,
                       Supplier<String> simpleReportXml, Supplier<String> detailedReportXml,
                       Supplier<String> diagnosticDataXml, Supplier<String> etsiReportXml, Supplier<String> html) {
        this.signatures = List.copyOf(signatures);
        this.timestamps = List.copyOf(timestamps);
        this.container = container;
        this.simpleReportXml = simpleReportXml;
        this.detailedReportXml = detailedReportXml;
        this.diagnosticDataXml = diagnosticDataXml;
        this.etsiReportXml = etsiReportXml;
        this.html = html;
    }

    /** @return one report per signature found, in document order; empty when the document has none */
    public List<VerificationReport> signatures() {
        return signatures;
    }

    /**
     * @return one report per time stamp that stands on its own, in document order: an RFC 3161 token verified as a
     *     file, or a PDF's document time stamps; empty when there is none. Time stamps over a signature are part of
     *     its {@link VerificationReport}.
     */
    public List<TimestampReport> timestamps() {
        return timestamps;
    }

    /**
     * @return for a signature container (ASiC-S, ASiC-E, a signed OpenDocument file), each file in it and which
     *     signatures cover it; empty for any other document
     */
    public Optional<ContainerReport> container() {
        return Optional.ofNullable(container);
    }

    /**
     * @return whether there is at least one signature or time stamp, every one of them is VALID, and, for a
     *     container, every file in it is covered by a signature
     */
    public boolean allValid() {
        return (!signatures.isEmpty() || !timestamps.isEmpty())
                && signatures.stream().allMatch(VerificationReport::isValid)
                && timestamps.stream().allMatch(TimestampReport::isValid)
                && (container == null || container.unsigned().isEmpty());
    }

    /** @return DSS's simple report as XML */
    public String simpleReportXml() {
        return simpleReportXml.get();
    }

    /** @return DSS's detailed report as XML */
    public String detailedReportXml() {
        return detailedReportXml.get();
    }

    /** @return DSS's diagnostic data as XML */
    public String diagnosticDataXml() {
        return diagnosticDataXml.get();
    }

    /** @return the ETSI TS 119 102-2 validation report as XML */
    public String etsiValidationReportXml() {
        return etsiReportXml.get();
    }

    /** @return the simple report rendered by DSS's stylesheet, as a whole HTML page */
    public String html() {
        return html.get();
    }
}
