package dev.okienko.core;

/** The version of okienko on the class path. */
public final class Version {
    private Version() {
    }

    /** @return the implementation version from the jar manifest, or {@code dev} when run from classes */
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
