package dev.okienko.edelivery;

/**
 * Where the e-Doręczenia clients get their access tokens. Implementations are thread-safe and cache tokens;
 * {@link SignedJwtTokenProvider} is the standard one. Implement it yourself to get tokens elsewhere, e.g.
 * from a token service shared by several instances of your product.
 */
public interface TokenProvider {

    /**
     * @return a token that is not about to expire, from the cache when there is one
     * @throws dev.okienko.core.ServiceException when the token server refuses (e.g. an unregistered system)
     * @throws dev.okienko.core.ClientException when it cannot be reached or answers nonsense
     */
    AccessToken token();

    /**
     * Tells the provider that a service refused this token (HTTP 401), so that the next {@link #token()}
     * fetches a new one instead of handing out the same again. A token other than the cached one is ignored,
     * so that two threads refused at once fetch one new token, not two.
     *
     * @param refused the token the service refused
     */
    void invalidate(AccessToken refused);
}
