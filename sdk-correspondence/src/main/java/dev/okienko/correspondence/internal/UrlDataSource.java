package dev.okienko.correspondence.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A data source that opens a connection per call through {@link DriverManager}, for a JDBC URL. */
public final class UrlDataSource extends PlainDataSource {
    private final String url;
    private final @Nullable String user;
    private final @Nullable String password;

    /**
     * @param url the JDBC URL
     * @param user the user, or null
     * @param password the password, or null
     */
    public UrlDataSource(String url, @Nullable String user, @Nullable String password) {
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        return DriverManager.getConnection(url, username, pass);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public String toString() {
        // the URL without its parameters (a password may be among them)
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
