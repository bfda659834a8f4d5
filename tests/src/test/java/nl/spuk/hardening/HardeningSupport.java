package nl.spuk.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import nl.spuk.local.SamTemplate;

/** What the hardening tests share: the template's routes, the shape of a refusal, and running work on a few threads. */
final class HardeningSupport {
    private static final int PARALLELISM = 4;

    private HardeningSupport() {
    }

    /** The routes of the repository's template (read from the file, so a route added there is covered at once). */
    static List<SamTemplate.HttpRoute> templateRoutes() {
        try (InputStream in = Files.newInputStream(Path.of("..", "template.yaml"))) {
            return SamTemplate.read(in).httpRoutes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the work for each item on a few threads; the first failure is rethrown. */
    static <T> void inParallel(List<T> items, Consumer<T> work) {
        ExecutorService threads = Executors.newFixedThreadPool(PARALLELISM);
        try {
            List<Future<?>> running = new ArrayList<>();
            items.forEach(item -> running.add(threads.submit(() -> work.accept(item))));
            for (Future<?> f : running) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }

    /** An RFC 9457 problem whose status is the answer's, with title and detail, and no trace of the code inside. */
    static boolean isProblem(Response r) {
        if (r.header("Content-Type") == null || !r.header("Content-Type").startsWith("application/problem+json")
                || r.body().contains("\tat ") || r.body().contains("Exception")) {
            return false;
        }
        try {
            JsonNode p = ApiClient.JSON.readTree(r.bytes());
            return p.path("status").asInt() == r.status() && p.path("title").isTextual() && p.path("detail").isTextual();
        } catch (IOException e) {
            return false;
        }
    }
}
