package dev.okienko.correspondence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker threads of the one window. Each takes a due letter, works on it under its lease, and takes the next;
 * with nothing due it waits a moment. {@link #close()} lets each finish the letter in hand and stops them.
 */
public final class Workers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.okienko.correspondence.worker");

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong processed = new AtomicLong();

    Workers(Correspondence window, int count, Duration idle) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one worker thread");
        }
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> loop(window, idle), "okienko-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop(Correspondence window, Duration idle) {
        while (running.get()) {
            try {
                Optional<Correspondence.Claim> claim = window.claim(window.now());
                if (claim.isPresent()) {
                    window.process(claim.get());
                    processed.incrementAndGet();
                } else {
                    Thread.sleep(idle.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("worker step failed, going on: {}", e.toString());
                try {
                    Thread.sleep(idle.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** @return how many letters the workers have processed (a letter counts once per round of work) */
    public long processed() {
        return processed.get();
    }

    /** Stops the workers after the letter each has in hand; waits up to a minute. */
    @Override
    public void close() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.MINUTES.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
