package dev.okienko.signature.internal;

import eu.europa.esig.dss.asic.cades.validation.ASiCContainerWithCAdESValidatorFactory;
import eu.europa.esig.dss.asic.common.validation.AbstractASiCContainerValidator;
import eu.europa.esig.dss.asic.xades.validation.ASiCContainerWithXAdESValidatorFactory;
import eu.europa.esig.dss.model.DSSDocument;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * ASiC containers (ETSI EN 319 162): which of DSS's two container validators reads a ZIP, judged by the entries the
 * ZIP really has (a {@code META-INF} folder with XAdES signatures, or with CMS signatures and ASiC manifests), and
 * the XML inside a container that DSS will parse, so that it passes okienko's bounds first.
 */
public final class Containers {
    private Containers() {
    }

    /**
     * @param zip a ZIP archive
     * @return the validator for it: ASiC with XAdES (also OpenDocument files signed with XAdES) when it holds XAdES
     *     signatures or no CMS signature, ASiC with CAdES when it holds CMS signatures; null when it has no
     *     {@code META-INF} folder and so is no signature container
     */
    public static @Nullable AbstractASiCContainerValidator validator(DSSDocument zip) {
        ASiCContainerWithXAdESValidatorFactory xades = new ASiCContainerWithXAdESValidatorFactory();
        if (xades.isSupported(zip)) {
            return (AbstractASiCContainerValidator) xades.create(zip);
        }
        ASiCContainerWithCAdESValidatorFactory cades = new ASiCContainerWithCAdESValidatorFactory();
        if (cades.isSupported(zip)) {
            return (AbstractASiCContainerValidator) cades.create(zip);
        }
        return null;
    }

    /**
     * @param validator a container's validator
     * @return the XML files in the container that DSS parses as XML: XAdES signatures and ASiC manifests
     */
    public static List<DSSDocument> xmlInside(AbstractASiCContainerValidator validator) {
        List<DSSDocument> xml = new ArrayList<>();
        for (DSSDocument d : validator.getSignatureDocuments()) {
            if (d.getName() != null && d.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) {
                xml.add(d);
            }
        }
        xml.addAll(validator.getAllManifestDocuments());
        return xml;
    }
}
