package dev.okienko.testkit.pki.internal;

/** Text put into the XML the test kit writes by hand (test documents, trusted lists, SOAP answers, evidences). */
public final class XmlText {

    private XmlText() {
    }

    /**
     * @param s text
     * @return it escaped for an XML element's content or a double-quoted attribute
     */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
