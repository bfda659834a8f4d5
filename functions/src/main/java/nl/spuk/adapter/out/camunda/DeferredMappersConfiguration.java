package nl.spuk.adapter.out.camunda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's MyBatis configuration with some mappers parsed only when a statement of theirs is first asked for.
 * Parsing Camunda's 56 mapper files is most of an engine boot; the application process uses about a third of them.
 * A statement that is not loaded yet makes the first call parse every deferred mapper at once (in Camunda's order,
 * so their cross-references resolve), then answers; so leaving a mapper out of the eager set costs time, never
 * correctness. The statement maps are concurrent, so threads that read them during that parse are safe.
 */
public class DeferredMappersConfiguration extends Configuration {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredMappersConfiguration.class);

    private List<String> deferred = List.of();
    private volatile boolean armed;
    private volatile boolean deferredLoaded;

    /** The mapper resources to parse on demand; from then on a missing statement loads them. */
    void defer(List<String> mapperResources) {
        this.deferred = List.copyOf(mapperResources);
        this.armed = true;
    }

    /** Whether the deferred mappers had to be parsed (a statement outside the eager set was used). */
    public boolean deferredLoaded() {
        return deferredLoaded;
    }

    @Override
    public MappedStatement getMappedStatement(String id, boolean validateIncompleteStatements) {
        try {
            return super.getMappedStatement(id, validateIncompleteStatements);
        } catch (IllegalArgumentException missing) {
            if (loadDeferred(id)) {
                return super.getMappedStatement(id, validateIncompleteStatements);
            }
            throw missing;
        }
    }

    @Override
    public boolean hasStatement(String id, boolean validateIncompleteStatements) {
        return super.hasStatement(id, validateIncompleteStatements)
                || loadDeferred(id) && super.hasStatement(id, validateIncompleteStatements);
    }

    /** Parses the deferred mappers once (a failed parse is not retried); false if there is nothing to load. */
    private synchronized boolean loadDeferred(String statement) {
        if (!armed) {
            return false;
        }
        armed = false;
        long started = System.nanoTime();
        for (String resource : deferred) {
            try (InputStream in = DeferredMappersConfiguration.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("mapper " + resource + " is not on the classpath");
                }
                new XMLMapperBuilder(in, this, resource, getSqlFragments()).parse();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        deferredLoaded = true;
        LOG.info("statement {} is in a deferred mapper: parsed all {} deferred mappers in {} ms", statement,
                deferred.size(), (System.nanoTime() - started) / 1_000_000);
        return true;
    }
}
