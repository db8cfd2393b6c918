package dev.okienko.testkit.epuap;

import java.time.Instant;

/**
 * A document in an inbox of the embedded ePUAP ({@link EpuapSimulator}).
 *
 * @param documentId the id ePUAP gave it
 * @param senderEntityId who sent it (IdentyfikatorPodmiotu)
 * @param replyTo the sender's box for answers
 * @param fileName its file name
 * @param mimeType its type
 * @param content the document
 * @param received when it arrived
 */
public record InboxDocument(String documentId, String senderEntityId, String replyTo, String fileName, String mimeType,
                            byte[] content, Instant received) {
}
