package nl.spuk.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The closed list of municipalities the scheme knows; codes outside it are refused. */
public final class Municipalities {
    private final Map<String, Municipality> byCode;

    public Municipalities(Collection<Municipality> all) {
        Map<String, Municipality> map = new LinkedHashMap<>();
        for (Municipality m : all) {
            if (map.put(m.code().value(), m) != null) {
                throw new IllegalArgumentException("duplicate municipality " + m.code());
            }
        }
        this.byCode = Collections.unmodifiableMap(map);
    }

    public Optional<Municipality> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    public Collection<Municipality> all() {
        return byCode.values();
    }

    public int size() {
        return byCode.size();
    }
}
