package nl.spuk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        long memoryGb = Math.round(((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / 1e9);
        return "%s, %d cores, %d GB RAM, %s %s, Java %s (%s)".formatted(cpuModel(),
                Runtime.getRuntime().availableProcessors(), memoryGb, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    /** The 1-minute load average: other work on the machine skews every figure, the ratios less so. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * The machine's CPU time spent busy so far (all cores, all processes: user, nice, system, interrupts, steal), from
     * {@code /proc/stat} in its ticks of 10 ms; 0 where there is no such file.
     */
    static long busyCpuMillis() {
        try {
            String[] ticks = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(ticks[field]);
            }
            return busy * 10;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }
}
