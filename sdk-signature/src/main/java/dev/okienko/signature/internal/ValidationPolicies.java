package dev.okienko.signature.internal;

import dev.okienko.core.SecureXml;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * okienko's validation policy: DSS's default (ETSI EN 319 102-1) with one change. A PDF that was changed after
 * the signed revision in ways PDF does not define as allowed (new signatures, time stamps, DSS dictionaries and
 * form filling are allowed), or against the permissions of a certification signature or a signature field lock
 * (DocMDP, FieldMDP, SigFieldLock), fails: DSS's default only warns. A page that looks different from the signed
 * revision is judged by okienko itself, which fails it unless filling the form's fields explains it (see
 * {@code PdfFormFills}); overlays that DSS counts as allowed annotations too (see {@code PdfAdditions}).
 */
public final class ValidationPolicies {
    /** The constraints raised from WARN to FAIL. */
    static final String[] RAISED = {"UndefinedChanges", "DocMDP", "FieldMDP", "SigFieldLock"};

    private ValidationPolicies() {
    }

    /** @return the policy; build once and share, it is read-only */
    public static ValidationPolicy okienkoDefault() {
        // through the class loader: a Class in a named module would look only inside its own module, and the
        // policy is a resource of dss-policy-jaxb, outside any package
        ClassLoader loader = ValidationPolicyLoader.class.getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream("policy/constraint.xml")) {
            if (in == null) {
                throw new IllegalStateException("DSS's default policy (dss-policy-jaxb) is not on the class path or module path");
            }
            Document policy = SecureXml.parse(in);
            for (String name : RAISED) {
                NodeList nodes = policy.getElementsByTagNameNS("*", name);
                if (nodes.getLength() == 0) {
                    throw new IllegalStateException("DSS's default policy has no " + name + " constraint any more");
                }
                for (int i = 0; i < nodes.getLength(); i++) {
                    ((Element) nodes.item(i)).setAttribute("Level", "FAIL");
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SecureXml.newTransformer().transform(new DOMSource(policy), new StreamResult(out));
            return ValidationPolicyLoader.fromValidationPolicy(new ByteArrayInputStream(out.toByteArray())).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise the validation policy", e);
        }
    }
}
