package nl.spuk.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Part 1: cold starts, one fresh JVM per sample, timed from the start of the process to its answer line. The
 * scenarios run interleaved, round after round, so that whatever else loads the machine meanwhile falls on all of
 * them alike; each scenario's first run is a warm-up (it also writes the scenario's AppCDS archive) and is not
 * counted.
 */
final class ColdStarts {
    /** The JVM options of {@code template.yaml} ({@code JAVA_TOOL_OPTIONS}), and the collector a 1-2 GB Lambda gets. */
    static final List<String> LAMBDA_JVM = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** How to start one sample of a scenario. */
    record Scenario(String key, String label, List<String> classpath, List<String> jvmOptions, Map<String, String> env,
                    Supplier<List<String>> mainAndArguments, boolean appCds) {
    }

    /** One sample: wall time to the answer, and what the child reported (init and handling, or boot and start). */
    record Sample(double wallMs, double firstMs, double secondMs) {
    }

    private final Path workDir;
    private final List<String> childOptions;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Map<String, Stats> wall = new LinkedHashMap<>();
    private final Map<String, Stats> first = new LinkedHashMap<>();
    private final Map<String, Stats> second = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();

    /** {@code childOptions}: JVM options for every run (a profiler, say), {@code {run}} standing for the run's name. */
    ColdStarts(Path workDir, List<String> childOptions) throws IOException {
        this.workDir = Files.createDirectories(workDir);
        this.childOptions = List.copyOf(childOptions);
        Files.createDirectories(workDir.resolve("cds"));
        Files.createDirectories(workDir.resolve("logs"));
    }

    /**
     * Runs every scenario {@code samples} times (plus one warm-up each), interleaved; scenarios marked for AppCDS
     * also run as a second scenario {@code key+cds} on the archive their warm-up wrote.
     */
    void run(List<Scenario> scenarios, int samples) throws Exception {
        for (Scenario s : scenarios) {
            labels.put(s.key(), s.label());
            Path archive = archive(s);
            List<String> training = new ArrayList<>(s.jvmOptions());
            if (s.appCds()) {
                Files.deleteIfExists(archive);
                training.add("-XX:ArchiveClassesAtExit=" + archive);
                // the dump lists every class it cannot archive (generated accessors, JFR events): noise
                training.add("-Xlog:cds=off");
                training.add("-Xlog:cds+dynamic=off");
                labels.put(s.key() + "+cds", s.label() + ", AppCDS");
            }
            runOnce(s, training, s.key() + "-warm-up");
        }
        for (int round = 0; round < samples; round++) {
            for (Scenario s : scenarios) {
                record(s.key(), runOnce(s, s.jvmOptions(), s.key() + "-" + round));
                if (s.appCds()) {
                    List<String> options = new ArrayList<>(s.jvmOptions());
                    options.add("-XX:SharedArchiveFile=" + archive(s));
                    record(s.key() + "+cds", runOnce(s, options, s.key() + "+cds-" + round));
                }
            }
            System.err.printf("  cold starts: round %d of %d done (load average %.1f)%n", round + 1, samples, Machine.loadAverage());
        }
    }

    private Path archive(Scenario s) {
        return workDir.resolve("cds").resolve(s.key() + ".jsa");
    }

    private void record(String key, Sample sample) {
        wall.computeIfAbsent(key, k -> new Stats()).add(sample.wallMs());
        first.computeIfAbsent(key, k -> new Stats()).add(sample.firstMs());
        second.computeIfAbsent(key, k -> new Stats()).add(sample.secondMs());
    }

    private Sample runOnce(Scenario s, List<String> jvmOptions, String run) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(LAMBDA_JVM);
        command.addAll(jvmOptions);
        childOptions.forEach(option -> command.add(option.replace("{run}", run)));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, s.classpath()));
        command.addAll(s.mainAndArguments().get());
        ProcessBuilder builder = new ProcessBuilder(command);
        // a clean environment: the developer's JAVA_TOOL_OPTIONS or SPUK_* must not reach the container
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().putAll(s.env());
        Path log = workDir.resolve("logs").resolve(s.key() + ".log");
        builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long started = System.nanoTime();
        Process process = builder.start();
        String answer = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("ANSWER ")) {
                    answer = line;
                    break;
                }
                output.add(line);
            }
            long answered = System.nanoTime();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (answer == null) {
                throw new IllegalStateException("scenario " + s.key() + " gave no answer (exit " + process.exitValue()
                        + "); output: " + String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size()))
                        + "\nsee " + log);
            }
            String[] parts = answer.split(" ", 5);
            int status = Integer.parseInt(parts[1]);
            if (status >= 300) {
                throw new IllegalStateException("run " + run + " answered " + answer);
            }
            return new Sample((answered - started) / 1e6, Double.parseDouble(parts[2]), Double.parseDouble(parts[3]));
        }
    }

    Stats wall(String key) {
        return wall.get(key);
    }

    Stats first(String key) {
        return first.get(key);
    }

    Stats second(String key) {
        return second.get(key);
    }

    String label(String key) {
        return labels.get(key);
    }

    List<String> keys() {
        return new ArrayList<>(wall.keySet());
    }
}
