package dev.okienko.epuap;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A file taken from ePUAP's file repository ({@link EpuapClient#downloadFile}), already stored on disk: the
 * repository hands each file out once.
 *
 * @param path where it was stored
 * @param fileName the name the repository gave (untrusted: it is not used as a path)
 * @param mimeType the type the repository gave, if any
 * @param size its size in bytes
 * @param sha256 its SHA-256, hex
 */
public record DownloadedFile(Path path, String fileName, @Nullable String mimeType, long size, String sha256) {
}
