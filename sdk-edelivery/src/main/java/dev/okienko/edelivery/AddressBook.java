package dev.okienko.edelivery;

import static dev.okienko.edelivery.internal.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.okienko.core.Ade;
import dev.okienko.core.ClientException;
import dev.okienko.core.Environment;
import dev.okienko.core.HttpClients;
import dev.okienko.edelivery.internal.JsonCall;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The e-Delivery address database (BAE) through the Search Engine API: search by official ids, names, city and
 * categories with paging, bulk lookup of up to 1000 addresses in one call, and confirmation of one address.
 * Addresses with wrong check digits are refused before any call. With {@link Builder#cache(Duration)} lookups
 * and confirmations are remembered for a while. Thread-safe.
 *
 * <pre>{@code
 * AddressBook bae = AddressBook.builder().environment(environment).tokens(tokens).sender(ourAde).build();
 * Iterator<AddressEntry> found = bae.search(AddressQuery.byOfficialId(OfficialId.of(Nip.parse("5260250274"))));
 * }</pre>
 */
public final class AddressBook {
    /** The service's name in errors. */
    public static final String SERVICE = "e-Doręczenia SE API";
    /** The most addresses one bulk lookup takes. */
    public static final int MAX_LOOKUP = 1000;

    private final URI base;
    private final Ade sender;
    private final JsonCall json;
    private final @Nullable Duration cacheTtl;
    private final Clock clock;
    private final Map<Ade, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<AddressEntry> entry, Instant until) {
    }

    private AddressBook(Builder b) {
        this.base = Objects.requireNonNull(b.environment, "environment").requireEndpoint(Environment.Service.EDELIVERY_SEARCH);
        this.sender = checked(Objects.requireNonNull(b.sender, "sender"));
        this.json = new JsonCall(b.http != null ? b.http : HttpClients.defaultClient(),
                Objects.requireNonNull(b.tokens, "tokens"), SERVICE);
        this.cacheTtl = b.cacheTtl;
        this.clock = b.clock;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Searches BAE. Pages are fetched as the iterator goes ({@link AddressQuery#pageSize()} entries per call);
     * an error while fetching a page is thrown from {@code hasNext()}.
     *
     * @param query what to look for
     * @return the entries found, each entity with its current data
     */
    public Iterator<AddressEntry> search(AddressQuery query) {
        Objects.requireNonNull(query, "query");
        return new Iterator<>() {
            private final Deque<AddressEntry> page = new ArrayDeque<>();
            private int nextPage;
            private long seen;
            private long total = Long.MAX_VALUE;

            @Override
            public boolean hasNext() {
                while (page.isEmpty() && seen < total) {
                    JsonNode answer = json.post(base.resolve("search/bae_search"), searchBody(query, nextPage++), true);
                    total = answer.path("totalResults").asLong(0);
                    int before = page.size();
                    for (JsonNode found : answer.path("baeSearchResponses")) {
                        page.add(entry(found.path("recipientEda"), current(found.path("baeSearchData"))));
                    }
                    if (page.size() == before) {
                        break;
                    }
                    seen += page.size() - before;
                }
                return !page.isEmpty();
            }

            @Override
            public AddressEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.removeFirst();
            }
        };
    }

    /**
     * Looks up many addresses in one call ({@code /search/eda-search}).
     *
     * @param addresses up to {@value #MAX_LOOKUP} addresses
     * @return what BAE knows of each, by address; an address BAE does not know is missing from the map
     * @throws IllegalArgumentException for more than {@value #MAX_LOOKUP} addresses
     * @throws dev.okienko.core.InvalidIdentifierException for an address with wrong check digits (nothing is sent)
     */
    public Map<Ade, AddressEntry> lookup(Collection<Ade> addresses) {
        if (addresses.size() > MAX_LOOKUP) {
            throw new IllegalArgumentException("the SE API looks up at most " + MAX_LOOKUP + " addresses at once, not " + addresses.size());
        }
        Map<Ade, AddressEntry> found = new LinkedHashMap<>();
        List<Ade> ask = new ArrayList<>();
        for (Ade ade : addresses) {
            Optional<AddressEntry> cached = cached(checked(ade));
            if (cached != null) {
                cached.ifPresent(e -> found.put(ade, e));
            } else if (!ask.contains(ade)) {
                ask.add(ade);
            }
        }
        if (ask.isEmpty()) {
            return found;
        }
        ObjectNode body = JsonCall.JSON.createObjectNode();
        ArrayNode list = body.putArray("recipientEdas");
        ask.forEach(a -> list.add(a.value()));
        body.put("senderEda", sender.value());
        body.put("offset", 0);
        body.put("limit", ask.size());
        JsonNode answer = json.post(base.resolve("search/eda-search"), body, true);
        for (JsonNode r : answer.path("edaSearchResponses")) {
            AddressEntry entry = entry(r.path("recipientEda"), r.path("recipient"));
            found.put(entry.ade(), entry);
        }
        for (Ade ade : ask) {
            remember(ade, Optional.ofNullable(found.get(ade)));
        }
        return found;
    }

    /**
     * Confirms one address ({@code /search/eda-confirmation}): whether it exists, its status and owner.
     *
     * @param recipient the address
     * @return what BAE knows of it, or empty when it does not know it
     * @throws dev.okienko.core.InvalidIdentifierException for wrong check digits (nothing is sent)
     */
    public Optional<AddressEntry> confirm(Ade recipient) {
        Optional<AddressEntry> cached = cached(checked(recipient));
        if (cached != null) {
            return cached;
        }
        ObjectNode body = JsonCall.JSON.createObjectNode();
        body.put("recipientEda", recipient.value());
        body.put("senderEda", sender.value());
        JsonNode answer = json.post(base.resolve("search/eda-confirmation"), body, true);
        Optional<AddressEntry> entry = answer.path("recipientEda").isObject()
                ? Optional.of(entry(answer.path("recipientEda"), answer.path("recipient"))) : Optional.empty();
        remember(recipient, entry);
        return entry;
    }

    private @Nullable Optional<AddressEntry> cached(Ade ade) {
        if (cacheTtl == null) {
            return null;
        }
        Cached c = cache.get(ade);
        return c != null && clock.instant().isBefore(c.until()) ? c.entry() : null;
    }

    private void remember(Ade ade, Optional<AddressEntry> entry) {
        if (cacheTtl != null) {
            cache.put(ade, new Cached(entry, clock.instant().plus(cacheTtl)));
        }
    }

    private ObjectNode searchBody(AddressQuery q, int pageNumber) {
        ObjectNode body = JsonCall.JSON.createObjectNode();
        body.put("recipientEdasOnly", false);
        body.put("senderEda", sender.value());
        if (!q.categories().isEmpty()) {
            ArrayNode categories = body.putArray("searchCategory");
            q.categories().stream().sorted().forEach(c -> categories.add(c.name()));
        }
        if (q.entityName() != null) {
            body.put("entityName", q.entityName());
        }
        if (q.name() != null) {
            body.put("name", q.name());
        }
        if (q.surname() != null) {
            body.put("surname", q.surname());
        }
        if (!q.officialIds().isEmpty()) {
            ArrayNode ids = body.putArray("officialIds");
            for (OfficialId id : q.officialIds()) {
                ids.addObject().put("id", id.id()).put("referenceRegistry", id.registry().wireName());
            }
        }
        if (q.city() != null) {
            body.putArray("address").addObject().put("countryCode", "PL").put("city", q.city());
        }
        body.put("searchByParentIds", q.searchByParentIds());
        body.put("offset", pageNumber);
        body.put("limit", q.pageSize());
        return body;
    }

    /** The entity's current data: the version with the lowest {@code index} (current first, then older). */
    private static JsonNode current(JsonNode versions) {
        JsonNode best = JsonCall.JSON.createObjectNode();
        double bestIndex = Double.MAX_VALUE;
        for (JsonNode v : versions) {
            double index = v.path("index").asDouble(Double.MAX_VALUE);
            if (index < bestIndex || best.isEmpty()) {
                best = v;
                bestIndex = index;
            }
        }
        return best;
    }

    private static AddressEntry entry(JsonNode eda, JsonNode owner) {
        String value = eda.path("recipientEda").asText("");
        Ade ade;
        AddressStatus status;
        try {
            ade = Ade.parse(value, Ade.Validation.LENIENT);
            status = AddressStatus.valueOf(eda.path("edaStatus").asText(""));
        } catch (IllegalArgumentException e) {
            throw new ClientException(SERVICE + " answered an entry that cannot be read (" + e.getMessage() + ")", e);
        }
        AssignmentDegree degree = null;
        JsonNode d = eda.path("assignmentDegree");
        if (!d.isMissingNode() && !d.isNull()) {
            try {
                degree = AssignmentDegree.ofCode(Integer.parseInt(d.asText()));
            } catch (IllegalArgumentException e) {
                throw new ClientException(SERVICE + " answered assignmentDegree " + d + " for " + value, e);
            }
        }
        List<OfficialId> ids = new ArrayList<>();
        for (JsonNode id : owner.path("officialIds")) {
            try {
                ids.add(new OfficialId(OfficialId.Registry.ofWireName(id.path("referenceRegistry").asText("")), id.path("id").asText("")));
            } catch (IllegalArgumentException e) {
                throw new ClientException(SERVICE + " answered an official id that cannot be read for " + value, e);
            }
        }
        JsonNode warning = eda.path("warning");
        String warningText = warning.isObject()
                ? (warning.path("code").asText("") + " " + warning.path("description").asText("")).strip() : null;
        return new AddressEntry(ade, status, eda.path("designatedOperator").asBoolean(false), degree,
                eda.path("isMainEda").isBoolean() ? eda.path("isMainEda").asBoolean() : null,
                owner.path("isPublic").asBoolean(false), text(owner, "entityName"), text(owner, "name"), text(owner, "surname"),
                ids, warningText);
    }


    /** An address parsed leniently may have wrong check digits: strict parsing names them (CHECKSUM). */
    private static Ade checked(Ade ade) {
        if (!ade.hasValidCheckDigits()) {
            Ade.parse(ade.value());
        }
        return ade;
    }

    /** Builds an {@link AddressBook}. */
    public static final class Builder {
        private @Nullable Environment environment;
        private @Nullable TokenProvider tokens;
        private @Nullable Ade sender;
        private @Nullable OkHttpClient http;
        private @Nullable Duration cacheTtl;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param environment whose {@link Environment.Service#EDELIVERY_SEARCH} endpoint to use
         * @return this
         */
        public Builder environment(Environment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * @param tokens where access tokens come from, e.g. a {@link SignedJwtTokenProvider}
         * @return this
         */
        public Builder tokens(TokenProvider tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /**
         * @param sender your own address, sent with every search as {@code senderEda}
         * @return this
         */
        public Builder sender(Ade sender) {
            this.sender = Objects.requireNonNull(sender, "sender");
            return this;
        }

        /**
         * @param http the HTTP client
         * @return this
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * @param ttl how long results of {@link #lookup} and {@link #confirm} are remembered (not searches);
         *     no cache by default
         * @return this
         */
        public Builder cache(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("the cache TTL must be positive");
            }
            this.cacheTtl = ttl;
            return this;
        }

        /**
         * @param clock the clock for the cache
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the address book */
        public AddressBook build() {
            return new AddressBook(this);
        }
    }
}
