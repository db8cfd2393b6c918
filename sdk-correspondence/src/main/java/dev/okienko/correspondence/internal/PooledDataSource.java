package dev.okienko.correspondence.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A small connection pool over a data source that opens a connection per call, for the stores okienko opens
 * itself from a URL (the command line, the demo). Vendors pass their own pool to
 * {@code CorrespondenceStore.of}. At most {@code max} connections are open; a caller waits up to
 * {@code wait} for one. A connection given back is rolled back if a transaction was left open and put back
 * in auto-commit mode; one that is closed or fails its check is dropped.
 */
public final class PooledDataSource extends PlainDataSource implements AutoCloseable {
    private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Idle(Connection connection, long since) {
    }

    private final DataSource target;
    private final int max;
    private final long waitMillis;
    private final Semaphore permits;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param target opens the real connections
     * @param max the most open at once
     * @param waitMillis how long a caller waits for a free one
     */
    public PooledDataSource(DataSource target, int max, long waitMillis) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        this.target = Objects.requireNonNull(target, "target");
        this.max = max;
        this.waitMillis = waitMillis;
        this.permits = new Semaphore(max, true);
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException("no free connection to " + target + " within " + waitMillis
                        + " ms: all " + max + " are in use");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a connection to " + target, e);
        }
        try {
            Connection real = take();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    new Lease(real));
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection take() throws SQLException {
        while (true) {
            Idle next;
            synchronized (this) {
                if (closed) {
                    throw new SQLException("the pool of " + target + " is closed");
                }
                next = idle.pollFirst();
            }
            if (next == null) {
                return target.getConnection();
            }
            if (System.nanoTime() - next.since() < CHECK_AFTER_NANOS || next.connection().isValid(2)) {
                return next.connection();
            }
            closeQuietly(next.connection());
        }
    }

    private void giveBack(Connection real, boolean broken) {
        try {
            boolean keep = !broken && !real.isClosed();
            if (keep && !real.getAutoCommit()) {
                real.rollback();
                real.setAutoCommit(true);
            }
            synchronized (this) {
                if (keep && !closed) {
                    idle.addFirst(new Idle(real, System.nanoTime()));
                    return;
                }
            }
            closeQuietly(real);
        } catch (SQLException e) {
            // broken: drop it, the next caller opens a new one
            closeQuietly(real);
        } finally {
            permits.release();
        }
    }

    /** Closes the idle connections; connections in use are closed when given back. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            for (Idle i : idle) {
                closeQuietly(i.connection());
            }
            idle.clear();
        }
    }

    /**
     * @return whether the failure says the connection itself is lost (SQL state class 08, or H2's "connection is
     *     broken"), so that it is not given to the next caller
     */
    static boolean lostConnection(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("90067"));
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing more to do with it
        }
    }

    /** One use of a pooled connection: {@code close()} gives it back, and nothing is done with it after. */
    private final class Lease implements InvocationHandler {
        private @Nullable Connection real;
        private volatile boolean broken;

        Lease(Connection real) {
            this.real = real;
        }

        @Override
        public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
            String name = method.getName();
            Connection c;
            synchronized (this) {
                c = real;
                if (name.equals("close")) {
                    real = null;
                }
            }
            switch (name) {
                case "close" -> {
                    if (c != null) {
                        giveBack(c, broken);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return c == null || c.isClosed();
                }
                case "equals" -> {
                    return args != null && proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "pooled " + c;
                }
                default -> {
                    if (c == null) {
                        throw new SQLException("the connection was given back to the pool");
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof SQLException sql && lostConnection(sql)) {
                            broken = true;
                        }
                        throw e.getCause();
                    }
                }
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a pool opens connections as one user");
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
