package dev.okienko.wire;

import dev.okienko.testkit.pki.TestIdentity;
import dev.okienko.testkit.pki.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;

/** Clients and servers made by Apache CXF from the interfaces wsdl2java generated, with WSS4J on both sides. */
final class Cxf {
    private Cxf() {
    }

    /**
     * @return a generated client for the service at the endpoint, signing as the test PKI's system seal and
     *     accepting only answers signed with the ePUAP server certificate
     */
    static <T> T client(Class<T> service, URI endpoint, TestPki pki) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(service);
        factory.setAddress(endpoint.toString());
        factory.getOutInterceptors().add(Wss.signingWith(pki.seal()));
        factory.getInInterceptors().add(Wss.requiringSignatureBy(pki.epuapServer().certificate()));
        return factory.create(service);
    }

    /**
     * @return a plain server for the generated interface at the address, accepting only requests signed by the
     *     system seal and signing its answers as {@code signer}
     */
    static Server publish(Class<?> service, Object implementation, URI address, TestPki pki, TestIdentity signer) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setServiceClass(service);
        factory.setServiceBean(implementation);
        factory.setAddress(address.toString());
        factory.getInInterceptors().add(Wss.requiringSignatureBy(pki.seal().certificate()));
        factory.getOutInterceptors().add(Wss.signingWith(signer));
        return factory.create();
    }

    /** @return {@code http://127.0.0.1:PORT/} with a port that was free a moment ago */
    static URI freeRoot() {
        try (ServerSocket s = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
