package nl.spuk.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lowest versions of outside libraries that the build may resolve: each floor is the release that fixed known
 * vulnerabilities (logback) or the patch release the build moved to. The version is read from the jar that actually
 * serves a class of that library, so a dependency that Maven mediates to something older fails here.
 */
class DependencyVersionsTest {

    @ParameterizedTest(name = "{1}:{2} >= {3}")
    @CsvSource({
            "ch.qos.logback.classic.Logger,                ch.qos.logback,          logback-classic,  1.5.34",
            "ch.qos.logback.core.Appender,                 ch.qos.logback,          logback-core,     1.5.34",
            "software.amazon.awssdk.core.SdkBytes,         software.amazon.awssdk,  sdk-core,         2.59.1",
            "software.amazon.awssdk.services.dynamodb.DynamoDbClient, software.amazon.awssdk, dynamodb, 2.59.1",
            "software.amazon.awssdk.services.s3.S3Client,  software.amazon.awssdk,  s3,               2.59.1",
            "org.apache.pdfbox.pdmodel.PDDocument,         org.apache.pdfbox,       pdfbox,           3.0.8",
            "org.postgresql.Driver,                        org.postgresql,          postgresql,       42.7.14",
            "com.fasterxml.jackson.databind.ObjectMapper,  com.fasterxml.jackson.core, jackson-databind, 2.22.4",
            "com.fasterxml.jackson.core.JsonParser,        com.fasterxml.jackson.core, jackson-core,   2.22.4",
            "com.nimbusds.jwt.SignedJWT,                   com.nimbusds,            nimbus-jose-jwt,  10.10",
    })
    void theLibraryOnTheClasspathIsAtLeast(String className, String groupId, String artifactId, String floor)
            throws Exception {
        String version = versionOfJarServing(Class.forName(className), groupId, artifactId);
        assertThat(compare(version, floor))
                .as("%s:%s on the classpath is %s, the lowest allowed is %s", groupId, artifactId, version, floor)
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void versionsCompareByNumberNotByText() {
        assertThat(compare("1.5.34", "1.5.4")).isPositive();
        assertThat(compare("1.5.18", "1.5.34")).isNegative();
        assertThat(compare("10.10", "10.5")).isPositive();
        assertThat(compare("42.7.14", "42.7.14")).isZero();
        assertThat(compare("2.59", "2.59.0")).isZero();
        assertThat(compare("2.59.1", "2.100.0")).isNegative();
    }

    /** The Maven version in the jar's pom.properties, or its manifest's Implementation-Version where it has none. */
    private static String versionOfJarServing(Class<?> type, String groupId, String artifactId)
            throws IOException, URISyntaxException {
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(Files.isRegularFile(jar)).as("%s comes from a jar, not %s", type.getName(), jar).isTrue();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry pom = file.getEntry("META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties");
            if (pom != null) {
                Properties properties = new Properties();
                try (InputStream in = file.getInputStream(pom)) {
                    properties.load(in);
                }
                return properties.getProperty("version");
            }
            Manifest manifest = file.getManifest();
            String version = manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
            assertThat(version).as("a version for %s:%s in %s", groupId, artifactId, jar).isNotBlank();
            return version;
        }
    }

    /** Compares dotted versions part by part as numbers; a qualifier after '-' is ignored, missing parts count as 0. */
    static int compare(String left, String right) {
        String[] a = left.split("-", 2)[0].split("\\.");
        String[] b = right.split("-", 2)[0].split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
