package dev.okienko.edelivery;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The hybrid (paper) service, PUH: the operator prints the letter and posts it to a postal address. The
 * fields are the UA API's {@code HybridShipment} and the physical addresses of {@code MessageAddressData}.
 *
 * @param addressee who gets the paper letter, and where
 * @param senderAddress the sender's postal address (required for a hybrid letter)
 * @param category economic or priority
 * @param proceeding the procedure the letter is served under ({@code procedingType})
 * @param registered whether it goes registered ({@code shippingMode})
 * @param duplex print on both sides
 * @param color print in colour
 * @param returnToSender when undeliverable: return it (true) or destroy it (false)
 * @param proofOfDelivery whether a proof of delivery (EPO) is wanted
 * @param sendersInformation up to 30 characters printed in the sender field of the envelope, or null
 * @param caseContent up to 255 characters of content description, for procedures other than general, or null
 */
public record HybridShipment(Addressee addressee, PostalAddress senderAddress, Category category, Proceeding proceeding,
                             boolean registered, boolean duplex, boolean color, boolean returnToSender,
                             boolean proofOfDelivery, @Nullable String sendersInformation, @Nullable String caseContent) {

    /** The delivery term ({@code categoryService}). */
    public enum Category { ECONOMIC, PRIORITY }

    /** The procedure ({@code procedingType}). */
    public enum Proceeding { GENERAL, ADMINISTRATIVE, TAX, COURT_CIVIL, COURT_CRIMINAL }

    /**
     * A postal address ({@code Address}).
     *
     * @param country the country, e.g. {@code PL}
     * @param postalCode the postal code
     * @param city the city
     * @param street the street
     * @param buildingNumber the building number, or null
     * @param houseNumber the flat number, or null
     */
    public record PostalAddress(String country, String postalCode, String city, String street,
                                @Nullable String buildingNumber, @Nullable String houseNumber) {
        /** Checks the required parts. */
        public PostalAddress {
            for (String part : new String[] {country, postalCode, city, street}) {
                if (Objects.requireNonNull(part, "address part").isBlank()) {
                    throw new IllegalArgumentException("a postal address needs country, postal code, city and street");
                }
            }
        }
    }

    /**
     * The addressee of a paper letter ({@code Contributor} and {@code Address}): a person or a company.
     *
     * @param firstName a person's first name, or null
     * @param lastName a person's surname, or null
     * @param companyName a company's name (at most 50 characters for PUH), or null
     * @param address where the letter goes
     */
    public record Addressee(@Nullable String firstName, @Nullable String lastName, @Nullable String companyName,
                            PostalAddress address) {
        /** Checks that a person or a company is named. */
        public Addressee {
            Objects.requireNonNull(address, "address");
            if (companyName == null && (firstName == null || lastName == null)) {
                throw new IllegalArgumentException("an addressee is a person (first and last name) or a company");
            }
            if (companyName != null && companyName.length() > 50) {
                throw new IllegalArgumentException("a company name in the hybrid service has at most 50 characters");
            }
        }
    }

    /** Checks the lengths. */
    public HybridShipment {
        Objects.requireNonNull(addressee, "addressee");
        Objects.requireNonNull(senderAddress, "senderAddress");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(proceeding, "proceeding");
        if (sendersInformation != null && sendersInformation.length() > 30) {
            throw new IllegalArgumentException("sendersInformation has at most 30 characters");
        }
        if (caseContent != null && caseContent.length() > 255) {
            throw new IllegalArgumentException("caseContent has at most 255 characters");
        }
    }

    /**
     * @param addressee who gets it
     * @param senderAddress the sender's postal address
     * @return a registered, economic, simplex, monochrome letter under the general procedure, returned when
     *     undeliverable, with proof of delivery
     */
    public static HybridShipment registered(Addressee addressee, PostalAddress senderAddress) {
        return new HybridShipment(addressee, senderAddress, Category.ECONOMIC, Proceeding.GENERAL, true, false, false, true,
                true, null, null);
    }

    /** @return {@code categoryService} as the UA API writes it */
    public String categoryWire() {
        return category.name().toLowerCase(Locale.ROOT);
    }

    /** @return {@code procedingType} as the UA API writes it */
    public String proceedingWire() {
        return proceeding.name().toLowerCase(Locale.ROOT);
    }
}
