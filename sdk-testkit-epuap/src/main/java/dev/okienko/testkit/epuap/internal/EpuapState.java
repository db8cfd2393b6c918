package dev.okienko.testkit.epuap.internal;

import dev.okienko.epuap.ConfirmationDigest;
import dev.okienko.testkit.epuap.EpuapDelivery;
import dev.okienko.testkit.pki.TestIdentity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the embedded ePUAP's services share: the boxes (in memory or on disk), the ids it gives, the deliveries
 * kept back by {@code doreczyciel}, the file repository, and the switches tests turn.
 */
public final class EpuapState {
    /** A file in the repository. */
    record StoredFile(String fileName, String mimeType, byte[] content) {
    }

    private final InboxStore inboxes;
    private final TestIdentity epuap;
    private final AtomicLong ids;
    private final Map<String, EpuapDelivery> deliveries = new ConcurrentHashMap<>();
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final AtomicInteger duplicateConfirmations = new AtomicInteger();
    private volatile ConfirmationDigest acceptedDigest = ConfirmationDigest.SHA1;

    /**
     * @param inboxes the boxes
     * @param epuap the identity ePUAP signs its answers and receipts with
     */
    public EpuapState(InboxStore inboxes, TestIdentity epuap) {
        this.inboxes = inboxes;
        this.epuap = epuap;
        this.ids = new AtomicLong(Math.max(100_000, inboxes.highestId()));
    }

    /** @return the boxes */
    public InboxStore inboxes() {
        return inboxes;
    }

    /** @return ePUAP's signing identity */
    public TestIdentity epuap() {
        return epuap;
    }

    /** @return the next id ePUAP gives (never one given before, also across restarts on disk) */
    public String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    /** @return the deliveries by document id; lock it to change one */
    public Map<String, EpuapDelivery> deliveries() {
        return deliveries;
    }

    /** @return the stored files by id */
    Map<String, StoredFile> files() {
        return files;
    }

    /**
     * @param content the file
     * @param fileName its name
     * @param mimeType its type
     * @return its id; it can be downloaded once
     */
    public String storeFile(byte[] content, String fileName, String mimeType) {
        String id = "FR-" + ids.incrementAndGet();
        files.put(id, new StoredFile(fileName, mimeType, content.clone()));
        return id;
    }

    /** @return the ids of files stored and not yet downloaded */
    public java.util.Set<String> storedFiles() {
        return java.util.Set.copyOf(files.keySet());
    }

    /** @return how many coming confirmations are answered OK while the document stays in the box */
    public AtomicInteger duplicateConfirmations() {
        return duplicateConfirmations;
    }

    /** @return which {@code skrot} the pull service accepts */
    public ConfirmationDigest acceptedDigest() {
        return acceptedDigest;
    }

    /** @param digest which {@code skrot} the pull service accepts */
    public void acceptedDigest(ConfirmationDigest digest) {
        this.acceptedDigest = digest;
    }
}
