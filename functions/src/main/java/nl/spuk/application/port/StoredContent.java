package nl.spuk.application.port;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** An object as storage streams it: the content type it was stored with and its bytes. Close it once read. */
public record StoredContent(String contentType, InputStream bytes) implements AutoCloseable {

    @Override
    public void close() {
        try {
            bytes.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
