package dev.okienko.correspondence;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving thread of the one window: takes what waits in the office's boxes into the store
 * ({@link Correspondence#receiveOnce()}), gives stored items to the handler ({@link Correspondence#handleIncomingOnce()}),
 * then waits for the poll interval or until {@link #wake() woken}, whichever comes first. An e-Doręczenia
 * notification passed to {@link Correspondence#notified(byte[])} wakes it, so a new message is stored within
 * moments instead of at the next poll.
 *
 * <p>Waking only starts a round sooner: a notification proves nothing and names nothing the receiver trusts, so a
 * forged or repeated one costs one listing of the mailbox, and wake-ups that arrive during a round are folded
 * into one more round. {@link #close()} lets the round in hand finish and stops the thread.
 */
public final class Receivers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.okienko.correspondence.receiver");

    private final Correspondence window;
    private final Duration pollInterval;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private boolean wakeRequested;
    private volatile boolean running = true;

    Receivers(Correspondence window, Duration pollInterval) {
        this.window = window;
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, not " + pollInterval);
        }
        this.thread = new Thread(this::loop, "okienko-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            int n = 0;
            try {
                n = window.receiveOnce();
                stored.addAndGet(n);
                window.handleIncomingOnce();
            } catch (RuntimeException e) {
                LOG.warn("a receiving round failed, going on at the next one: {}", e.toString());
            }
            rounds.incrementAndGet();
            if (n > 0) {
                continue; // more may wait behind what a round takes
            }
            lock.lock();
            try {
                long left = pollInterval.toNanos();
                while (running && !wakeRequested && left > 0) {
                    left = woken.awaitNanos(left);
                }
                wakeRequested = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Starts a round now, or right after the one in hand. */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return how many rounds have finished */
    public long rounds() {
        return rounds.get();
    }

    /** @return how many new items the rounds stored */
    public long stored() {
        return stored.get();
    }

    /** Stops after the round in hand; waits up to a minute. */
    @Override
    public void close() {
        running = false;
        window.forget(this);
        wake();
        try {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
