package dev.okienko.edelivery;

/** How far an address is assigned to its owner ({@code assignmentDegree} 0-3 in the SE API). */
public enum AssignmentDegree {
    /** 0: proposed. */
    PROPOSAL,
    /** 1: being set up. */
    IN_THE_MAKING,
    /** 2: assigned, not disclosed. */
    UNDISCLOSED,
    /** 3: assigned and disclosed. */
    DISCLOSED;

    /**
     * @param code 0, 1, 2 or 3
     * @return the degree
     * @throws IllegalArgumentException for another code
     */
    public static AssignmentDegree ofCode(int code) {
        if (code < 0 || code > 3) {
            throw new IllegalArgumentException("no assignment degree " + code + " (0-3)");
        }
        return values()[code];
    }

    /** @return 0, 1, 2 or 3 */
    public int code() {
        return ordinal();
    }
}
