package dev.okienko.testkit.epuap.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves official WSDL and XSD files from a folder outside the project (they are never bundled): a WSDL
 * with its {@code soap:address} rewritten to the simulator, and the files it imports by relative name.
 */
public final class Contracts implements HttpHandler {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+\\.(wsdl|xsd)");
    private static final Pattern ADDRESS = Pattern.compile("(<(?:\\w+:)?address\\s+location=\")[^\"]*(\")");

    private final Path folder;

    /** @param folder the folder holding the WSDL and XSD files */
    public Contracts(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.folder)) {
            throw new IllegalArgumentException("no contract folder at " + this.folder);
        }
    }

    /**
     * @param fileName a WSDL in the folder
     * @param location the address to put into its {@code soap:address}
     * @return the WSDL, rewritten
     */
    public byte[] wsdl(String fileName, URI location) {
        String text = new String(read(fileName), StandardCharsets.UTF_8);
        return ADDRESS.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(location.toString()) + "$2")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        byte[] body;
        int status = 200;
        if (!"GET".equals(exchange.getRequestMethod()) || !NAME.matcher(name).matches()
                || !Files.isRegularFile(folder.resolve(name))) {
            status = 404;
            body = ("no contract file " + name).getBytes(StandardCharsets.UTF_8);
        } else {
            body = read(name);
        }
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "text/xml; charset=utf-8" : "text/plain");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private byte[] read(String fileName) {
        if (!NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("not a contract file name: " + fileName);
        }
        try {
            return Files.readAllBytes(folder.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.resolve(fileName), e);
        }
    }
}
