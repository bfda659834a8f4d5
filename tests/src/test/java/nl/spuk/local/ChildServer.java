package nl.spuk.local;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code LocalServer.main} in a child JVM on this test's runtime classpath (without the test classes), as
 * {@code java -jar local/target/spuk-local.jar} runs it, so it can be killed for real.
 */
public final class ChildServer {
    private static final Pattern READY = Pattern.compile("SPUK local server ready on http://localhost:(\\d+) \\(data: (.+)\\)");

    private final Process process;
    private final int port;
    private final String dataDir;
    private final List<String> linesBeforeReady;
    private final Path stderr;

    private ChildServer(Process process, int port, String dataDir, List<String> linesBeforeReady, Path stderr) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.linesBeforeReady = linesBeforeReady;
        this.stderr = stderr;
    }

    /**
     * Starts a server on the folder and waits for its ready line.
     *
     * @param tickSeconds how often it runs due timers; 0 for never
     */
    public static ChildServer start(Path dataDir, int tickSeconds) throws IOException, InterruptedException {
        return start(dataDir, tickSeconds, Map.of());
    }

    /**
     * Starts a server on the folder with more environment variables (settings such as
     * {@code SPUK_REQUEST_TIMEOUT_SECONDS}) and waits for its ready line.
     */
    public static ChildServer start(Path dataDir, int tickSeconds, Map<String, String> environment)
            throws IOException, InterruptedException {
        String classpath = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        Path stderr = Files.createTempFile("spuk-child-stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the test class path holds the functions jar twice (the reactor's, and local's lib/ by its manifest);
                // Logback's start-up report on that duplicate is noise here, not a product message
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener", "-cp", classpath,
                LocalServer.class.getName())
                .redirectError(stderr.toFile());
        builder.environment().put("SPUK_PORT", "0");
        builder.environment().put("SPUK_DATA_DIR", dataDir.toString());
        builder.environment().put("SPUK_TICK_SECONDS", Integer.toString(tickSeconds));
        builder.environment().putAll(environment);
        Process process = builder.start();

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "child-server-stdout");
        reader.setDaemon(true);
        reader.start();

        List<String> before = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive()) {
                    break;
                }
                continue;
            }
            Matcher ready = READY.matcher(line);
            if (ready.matches()) {
                return new ChildServer(process, Integer.parseInt(ready.group(1)), ready.group(2), before, stderr);
            }
            before.add(line);
        }
        process.destroyForcibly().waitFor();
        throw new AssertionError("the local server did not get ready; output: " + before + "; stderr: " + Files.readString(stderr));
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    /** The data folder the server reported in its ready line. */
    public String dataDir() {
        return dataDir;
    }

    /** What the server printed before its ready line (local mode prints nothing else). */
    public List<String> linesBeforeReady() {
        return linesBeforeReady;
    }

    /** SIGKILL on Linux: no shutdown hook runs, nothing gets flushed or closed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not die within 30 s");
        }
    }

    /** SIGTERM: the shutdown hook closes everything. */
    public void stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the server did not stop within 60 s; stderr: " + Files.readString(stderr));
        }
    }
}
