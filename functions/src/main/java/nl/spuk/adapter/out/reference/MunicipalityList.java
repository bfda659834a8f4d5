package nl.spuk.adapter.out.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.spuk.domain.Municipalities;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Loads the 342 municipalities of the 2024 division from the CBS list shipped on the classpath. */
public final class MunicipalityList {
    public static final String RESOURCE = "/gemeenten-2024.csv";

    private MunicipalityList() {
    }

    public static Municipalities load() {
        try (InputStream in = MunicipalityList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
            List<Municipality> all = new ArrayList<>();
            try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
                for (CSVRecord rec : parser) {
                    all.add(new Municipality(new MunicipalityCode(rec.get("code")), rec.get("name")));
                }
            }
            return new Municipalities(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
