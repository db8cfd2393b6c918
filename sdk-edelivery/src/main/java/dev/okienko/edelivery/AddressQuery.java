package dev.okienko.edelivery;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to look for in BAE ({@code /search/bae_search}): official ids, names, a city, categories. At least one
 * criterion is needed; the limits are the SE API's and are checked when the query is built.
 */
public final class AddressQuery {
    /** The SE API's search categories. */
    public enum Category {
        /** Natural persons. */ INDIVIDUAL,
        /** Advocates. */ ADVOCATE,
        /** Legal advisors. */ LEGAL_ADVISOR,
        /** Tax advisors. */ TAX_ADVISOR,
        /** Restructuring advisors. */ RESTRUCTURING_ADVISOR,
        /** Patent attorneys. */ PATENT_ATTORNEY,
        /** Notaries. */ NOTARY,
        /** Counsellors of the General Counsel to the Republic of Poland. */ COUNSELLOR_OF_GCRP,
        /** Public bodies. */ PUBLIC_INSTITUTION,
        /** Court enforcement officers. */ COURT_ENFORCEMENT_OFFICER,
        /** Companies. */ COMPANY,
        /** Other organisations. */ ORGANISATION
    }

    private final List<OfficialId> officialIds;
    private final @Nullable String entityName;
    private final @Nullable String name;
    private final @Nullable String surname;
    private final @Nullable String city;
    private final Set<Category> categories;
    private final boolean searchByParentIds;
    private final int pageSize;

    private AddressQuery(Builder b) {
        this.officialIds = List.copyOf(b.officialIds);
        this.entityName = b.entityName;
        this.name = b.name;
        this.surname = b.surname;
        this.city = b.city;
        this.categories = b.categories.isEmpty() ? Set.of() : Set.copyOf(b.categories);
        this.searchByParentIds = b.searchByParentIds;
        this.pageSize = b.pageSize;
        if (officialIds.isEmpty() && entityName == null && name == null && surname == null && city == null) {
            throw new IllegalArgumentException("an address query needs at least one criterion: an official id, a name or a city");
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param id an official id
     * @return a query for it
     */
    public static AddressQuery byOfficialId(OfficialId id) {
        return builder().officialId(id).build();
    }

    /** @return the official ids, at most 4 */
    public List<OfficialId> officialIds() {
        return officialIds;
    }

    /** @return the entity name looked for, or null */
    public @Nullable String entityName() {
        return entityName;
    }

    /** @return the first name looked for, or null */
    public @Nullable String name() {
        return name;
    }

    /** @return the surname looked for, or null */
    public @Nullable String surname() {
        return surname;
    }

    /** @return the city looked for, or null */
    public @Nullable String city() {
        return city;
    }

    /** @return the categories, empty for all */
    public Set<Category> categories() {
        return categories;
    }

    /** @return whether organisational units of an entity are found by its ids */
    public boolean searchByParentIds() {
        return searchByParentIds;
    }

    /** @return how many entries each call fetches (1-50) */
    public int pageSize() {
        return pageSize;
    }

    @Override
    public String toString() {
        return "AddressQuery" + officialIds + (entityName == null ? "" : " entityName=" + entityName)
                + (surname == null ? "" : " surname=" + surname) + (city == null ? "" : " city=" + city) + " " + categories;
    }

    /** Builds an {@link AddressQuery}. */
    public static final class Builder {
        private final List<OfficialId> officialIds = new ArrayList<>();
        private @Nullable String entityName;
        private @Nullable String name;
        private @Nullable String surname;
        private @Nullable String city;
        private final Set<Category> categories = EnumSet.noneOf(Category.class);
        private boolean searchByParentIds;
        private int pageSize = 20;

        private Builder() {
        }

        /**
         * @param id an official id to look for (at most 4 per query)
         * @return this
         */
        public Builder officialId(OfficialId id) {
            if (officialIds.size() == 4) {
                throw new IllegalArgumentException("the SE API takes at most 4 official ids per search");
            }
            officialIds.add(Objects.requireNonNull(id, "id"));
            return this;
        }

        /**
         * @param entityName an entity's name, 2-2000 characters
         * @return this
         */
        public Builder entityName(String entityName) {
            this.entityName = length(entityName, "entityName", 2000);
            return this;
        }

        /**
         * @param name a person's first name, 2-240 characters
         * @return this
         */
        public Builder name(String name) {
            this.name = length(name, "name", 240);
            return this;
        }

        /**
         * @param surname a person's surname, 2-300 characters
         * @return this
         */
        public Builder surname(String surname) {
            this.surname = length(surname, "surname", 300);
            return this;
        }

        /**
         * @param city a city of the correspondence or headquarters address (in Poland)
         * @return this
         */
        public Builder city(String city) {
            this.city = length(city, "city", 512);
            return this;
        }

        /**
         * @param category a category to look in (all when none is given)
         * @return this
         */
        public Builder category(Category category) {
            categories.add(Objects.requireNonNull(category, "category"));
            return this;
        }

        /**
         * @param on whether to find an entity's organisational units by its REGON, KRS or NIP
         * @return this
         */
        public Builder searchByParentIds(boolean on) {
            this.searchByParentIds = on;
            return this;
        }

        /**
         * @param size entries per call, 1-50 (20 by default)
         * @return this
         */
        public Builder pageSize(int size) {
            if (size < 1 || size > 50) {
                throw new IllegalArgumentException("pageSize must be 1-50, not " + size);
            }
            this.pageSize = size;
            return this;
        }

        /**
         * @return the query
         * @throws IllegalArgumentException when it has no criterion
         */
        public AddressQuery build() {
            return new AddressQuery(this);
        }

        private static String length(String value, String what, int max) {
            String v = Objects.requireNonNull(value, what).strip();
            if (v.length() < 2 || v.length() > max) {
                throw new IllegalArgumentException(what + " must be 2-" + max + " characters");
            }
            return v;
        }
    }
}
