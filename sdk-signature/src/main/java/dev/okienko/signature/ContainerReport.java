package dev.okienko.signature;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a signature container (ASiC-S or ASiC-E, with XAdES or CAdES inside; also an OpenDocument file signed
 * the same way) holds: each file in it and which signatures cover it. A file no signature covers was added, or
 * left out, unsigned: a reader must not take it as signed even when every signature is VALID.
 *
 * @param type the container type, {@code ASiC-S} or {@code ASiC-E}, or {@code unknown} when the container does not
 *     say (no mimetype entry and nothing else that tells)
 * @param mimetype the content of its {@code mimetype} entry, when it has one
 * @param files the files it holds outside {@code META-INF}, in the container's order; for an ASiC-S whose one file
 *     is a ZIP of several (DSS and others pack them into {@code package.zip}), the files signed inside it follow it,
 *     named {@code package.zip/name}
 */
public record ContainerReport(String type, @Nullable String mimetype, List<File> files) {

    /** Copies the list. */
    public ContainerReport {
        Objects.requireNonNull(type, "type");
        files = List.copyOf(files);
    }

    /** @return the files no signature covers */
    public List<File> unsigned() {
        return files.stream().filter(f -> f.signatureIds().isEmpty()).toList();
    }

    /**
     * One file in a container.
     *
     * @param name its name in the container
     * @param signatureIds the ids of the signatures that cover it ({@link VerificationReport#signatureId()}),
     *     whatever their verdicts; empty when none does
     */
    public record File(String name, List<String> signatureIds) {

        /** Copies the list. */
        public File {
            Objects.requireNonNull(name, "name");
            signatureIds = List.copyOf(signatureIds);
        }
    }
}
