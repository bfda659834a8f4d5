package nl.spuk.local;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import nl.spuk.config.Components;
import nl.spuk.config.LambdaContainer;

/**
 * The JVM-wide state that code outside a server's own objects reads: system properties named like the
 * deployment's environment variables (plus the AWS SDK's credentials) and the installed {@link Components}.
 * Tests may run several servers at once; the most recently started one that still runs owns this state, and
 * when the last one stops the properties get their values from before the first. The installed components
 * then stay those of the last server (closed): {@link LambdaContainer} offers no way back to "none installed".
 */
final class JvmGlobals {
    /** What a server puts in place. */
    record Owner(Map<String, String> properties, Components components) {
    }

    private static final Deque<Owner> OWNERS = new ArrayDeque<>();
    private static final Map<String, String> BEFORE = new HashMap<>();

    private JvmGlobals() {
    }

    static synchronized void take(Owner owner) {
        if (OWNERS.isEmpty()) {
            BEFORE.clear();
            owner.properties().keySet().forEach(name -> BEFORE.put(name, System.getProperty(name)));
        }
        OWNERS.push(owner);
        apply(owner);
    }

    static synchronized void release(Owner owner) {
        boolean current = OWNERS.peek() == owner;
        OWNERS.remove(owner);
        if (!current) {
            return;
        }
        if (!OWNERS.isEmpty()) {
            apply(OWNERS.peek());
            return;
        }
        BEFORE.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private static void apply(Owner owner) {
        owner.properties().forEach(System::setProperty);
        LambdaContainer.install(owner.components());
    }
}
