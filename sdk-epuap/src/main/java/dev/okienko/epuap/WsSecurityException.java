package dev.okienko.epuap;

import dev.okienko.core.ClientException;
import org.jspecify.annotations.Nullable;

/**
 * A SOAP message's WS-Security failed: unsigned, signed by another certificate than expected, signed over
 * something other than its own Body (signature wrapping), or its signature does not verify. Nothing in such
 * a message is to be acted on. {@link EpuapClient} and {@link TrustedProfileSigningClient} throw it for an
 * answer that is not the service's own.
 */
public final class WsSecurityException extends ClientException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong
     * @param cause the underlying failure
     */
    public WsSecurityException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
