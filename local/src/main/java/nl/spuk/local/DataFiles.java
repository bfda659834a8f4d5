package nl.spuk.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Small files of local mode's data folder, written so that a crash leaves either the old or the new content. */
final class DataFiles {
    private DataFiles() {
    }

    /**
     * Creates the data folder, or takes an existing one, as its owner's only where the file system has POSIX
     * permissions: it holds every document, the store's files and the key that signs local tokens.
     */
    static Path privateFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
        return folder;
    }

    static void writeAtomically(Path file, String content) throws IOException {
        replace(file, content);
    }

    /** As {@link #writeAtomically}, readable and writable by its owner only where the file system has POSIX permissions. */
    static void writeSecretAtomically(Path file, String content) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            replace(file, content);
            return;
        }
        replace(file, content, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** The new content goes to a fresh file (created with the attributes, so never readable by more) moved over the old. */
    private static void replace(Path file, String content, FileAttribute<?>... attributes) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
