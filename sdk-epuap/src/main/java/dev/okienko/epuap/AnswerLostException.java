package dev.okienko.epuap;

import dev.okienko.core.ClientException;

/**
 * The request went out but its answer was lost (a timeout, a dropped connection after the request was
 * written): ePUAP may have accepted the document. It was not sent again, and sending it again may deliver it
 * twice; ePUAP offers no way to ask whether it arrived, so a person settles it (with the recipient, or from the
 * UPP when it turns up). Not retryable.
 */
public class AnswerLostException extends ClientException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was lost, naming the service and the endpoint
     * @param cause the transport failure
     */
    public AnswerLostException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
