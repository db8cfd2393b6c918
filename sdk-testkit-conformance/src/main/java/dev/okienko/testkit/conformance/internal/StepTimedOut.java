package dev.okienko.testkit.conformance.internal;

/** A step of the system under test did not finish in time: its scenario cannot be judged. */
public final class StepTimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which step, and the timeout */
    public StepTimedOut(String message) {
        super(message);
    }
}
