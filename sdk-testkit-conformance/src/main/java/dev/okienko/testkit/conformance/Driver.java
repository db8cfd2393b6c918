package dev.okienko.testkit.conformance;

/**
 * A vendor's system under test, in-process: performs a {@link Task} with the vendor's own code against the
 * simulators the task describes, and reports what it did. It is asked once per step; between the steps of a
 * scenario it keeps its store in {@link Task#state()}, so a step after a simulated crash finds what was stored.
 * An exception from {@link #perform} counts as the system having failed or crashed in that step: scenarios
 * that provoke a failure expect it, the others fail.
 */
@FunctionalInterface
public interface Driver {
    /**
     * @param task what to do
     * @param reporter where to report what was done
     * @throws Exception when the system fails
     */
    void perform(Task task, Reporter reporter) throws Exception;
}
