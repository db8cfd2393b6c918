/**
 * XAdES, PAdES and CAdES signing and verification on EU DSS (also ASiC containers, JAdES and RFC 3161 time stamps), with verification reports that say who signed, how,
 * and whether the signature holds.
 */
@SuppressWarnings("module") // the qualified exports name modules built after this one
module dev.okienko.signature {
    requires transitive dev.okienko.core;
    requires java.desktop; // rendering PDF pages to compare them (PdfFormFills)
    requires java.naming;
    requires jpms_dss_alert;
    requires jpms_dss_asic_cades;
    requires jpms_dss_asic_common;
    requires jpms_dss_asic_xades;
    requires jpms_dss_cades;
    requires jpms_dss_diagnostic_data;
    requires jpms_dss_document;
    requires jpms_dss_enumerations;
    requires jpms_dss_jades;
    requires jpms_dss_jaxb_parsers;
    requires jpms_dss_model;
    requires jpms_dss_pades;
    requires jpms_dss_pades_pdfbox;
    requires jpms_dss_service;
    requires jpms_dss_simple_report;
    requires jpms_dss_spi;
    requires jpms_dss_tsl_validation;
    requires jpms_dss_validation;
    requires jpms_dss_xades;
    requires org.apache.pdfbox;
    requires org.apache.pdfbox.io;
    requires static transitive org.jspecify;

    exports dev.okienko.signature;

    // The checks a signed receipt must pass before it is believed (one signature, the whole document, a size
    // cap) and the reading of a signer's official ids: the UPP/UPD of sdk-epuap and the evidences of
    // sdk-edelivery share them; not API.
    exports dev.okienko.signature.internal to
            dev.okienko.edelivery,
            dev.okienko.epuap;
}
