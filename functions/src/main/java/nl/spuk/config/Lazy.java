package nl.spuk.config;

import java.util.function.Supplier;

/** A part built on first use, once, whichever thread asks first. */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> build;
    private volatile T value;

    Lazy(Supplier<T> build) {
        this.build = build;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) {
                    value = build.get();
                }
                v = value;
            }
        }
        return v;
    }

    /** Whether the part was built. */
    boolean built() {
        return value != null;
    }
}
