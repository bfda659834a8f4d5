package nl.spuk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Part 4: the Lambda jar as Lambda counts it, zipped (the upload) and unzipped (the deployed code). */
record PackageSize(long zippedBytes, long unzippedBytes, int entries) {
    static final long ZIPPED_LIMIT = 50L * 1024 * 1024;
    static final long UNZIPPED_LIMIT = 250L * 1024 * 1024;
    static final long ZIPPED_GOAL = 30L * 1024 * 1024;

    static PackageSize of(Path jar) throws IOException {
        long unzipped = 0;
        int entries = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                unzipped += e.nextElement().getSize();
                entries++;
            }
        }
        return new PackageSize(Files.size(jar), unzipped, entries);
    }

    static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
