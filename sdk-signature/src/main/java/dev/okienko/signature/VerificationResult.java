package dev.okienko.signature;

import java.util.List;
import java.util.function.Supplier;

/**
 * Everything a verification produced: a {@link VerificationReport} per signature, and for experts DSS's
 * full reports as XML (simple, detailed, diagnostic data, and the ETSI TS 119 102-2 validation report) and
 * an HTML rendering of the simple report.
 */
public final class VerificationResult {
    private final List<VerificationReport> signatures;
    private final Supplier<String> simpleReportXml;
    private final Supplier<String> detailedReportXml;
    private final Supplier<String> diagnosticDataXml;
    private final Supplier<String> etsiReportXml;
    private final Supplier<String> html;

    VerificationResult(List<VerificationReport> signatures, Supplier<String> simpleReportXml, Supplier<String> detailedReportXml,
                       Supplier<String> diagnosticDataXml, Supplier<String> etsiReportXml, Supplier<String> html) {
        this.signatures = List.copyOf(signatures);
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

    /** @return whether there is at least one signature and every signature is VALID */
    public boolean allValid() {
        return !signatures.isEmpty() && signatures.stream().allMatch(VerificationReport::isValid);
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
