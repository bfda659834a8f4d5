package nl.spuk.bench.child;

/** The floor under every cold start: a JVM that starts, answers and exits. */
public final class Noop {
    private Noop() {
    }

    public static void main(String[] args) {
        System.out.println("ANSWER 200 0 0");
        System.out.flush();
        System.exit(0);
    }
}
