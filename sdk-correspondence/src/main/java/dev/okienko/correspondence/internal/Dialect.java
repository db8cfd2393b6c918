package dev.okienko.correspondence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases the store runs on; the SQL is the same except where a dialect says otherwise. */
public enum Dialect {
    /** PostgreSQL: production, several nodes. */
    POSTGRESQL,
    /** H2 in PostgreSQL mode: the embedded default. */
    H2;

    /**
     * @param connection an open connection
     * @return its database's dialect
     * @throws SQLException when the database cannot say what it is, or is neither
     */
    public static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw new SQLException("the correspondence store runs on PostgreSQL or H2, not on " + product);
    }
}
