package nl.spuk.adapter.dynamodb;

import static nl.spuk.adapter.dynamodb.Fixtures.ADVISOR;
import static nl.spuk.adapter.dynamodb.Fixtures.ALMERE;
import static nl.spuk.adapter.dynamodb.Fixtures.ALMERE_USER;
import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN;
import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN_USER;
import static nl.spuk.adapter.dynamodb.Fixtures.MINISTRY;
import static nl.spuk.adapter.dynamodb.Fixtures.T0;
import static nl.spuk.adapter.dynamodb.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.application.port.ApplicationQuery;
import nl.spuk.application.port.Page;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing applications in DynamoDB Local: role scoping, filters, newest first, paging. */
public class DynamoDbApplicationListTest extends LocalDynamoDbTestBase {
    private DynamoDbApplicationRepository repository;

    @BeforeEach
    void setUp() {
        repository = new DynamoDbApplicationRepository(client, table);
    }

    @Test
    void showsAMunicipalityItsOwnApplicationsOnlyNewestFirst() {
        fiveApplications();

        assertThat(ids(ALMERE_USER, null, null, null)).containsExactly("a2", "a1");
        assertThat(ids(GRONINGEN_USER, null, null, null)).containsExactly("g3", "g2", "g1");
        assertThat(ids(GRONINGEN_USER, null, GRONINGEN.code(), null)).containsExactly("g3", "g2", "g1");
        assertThat(ids(GRONINGEN_USER, null, ALMERE.code(), null)).isEmpty();
        assertThat(ids(GRONINGEN_USER, Status.AWARDED, null, null)).isEmpty();
        assertThat(ids(GRONINGEN_USER, Status.IN_REVIEW, null, null)).containsExactly("g2");
    }

    @Test
    void neverShowsAnAdvisorADraftNorADraftWithdrawnBeforeSubmission() {
        fiveApplications();

        assertThat(ids(ADVISOR, null, null, null)).containsExactly("a2", "g2", "a1");
        assertThat(ids(ADVISOR, Status.DRAFT, null, null)).isEmpty();
        assertThat(ids(ADVISOR, Status.WITHDRAWN, null, null)).isEmpty();
        assertThat(ids(ADVISOR, null, GRONINGEN.code(), null)).containsExactly("g2");
    }

    @Test
    void showsTheMinistryEverySubmittedApplicationFilteredByStatusMunicipalityAndYear() {
        fiveApplications();

        assertThat(ids(MINISTRY, null, null, null)).containsExactly("a2", "g2", "a1");
        assertThat(ids(MINISTRY, Status.IN_REVIEW, null, null)).containsExactly("g2", "a1");
        assertThat(ids(MINISTRY, null, ALMERE.code(), null)).containsExactly("a2", "a1");
        assertThat(ids(MINISTRY, null, GRONINGEN.code(), null)).containsExactly("g2");
        assertThat(ids(MINISTRY, null, null, 2026)).containsExactly("a2", "a1");
        assertThat(ids(MINISTRY, Status.IN_REVIEW, null, 2026)).containsExactly("a1");
        assertThat(ids(MINISTRY, Status.IN_REVIEW, GRONINGEN.code(), 2025)).containsExactly("g2");
        assertThat(ids(MINISTRY, Status.DRAFT, null, null)).isEmpty();
        assertThat(ids(MINISTRY, Status.WITHDRAWN, null, null)).isEmpty();
        assertThat(ids(MINISTRY, null, null, 2023)).isEmpty();
    }

    @Test
    void listsEveryApplicationDraftsIncludedForAnOperatorsCheck() {
        fiveApplications();

        Page<Application> page = repository.list(ApplicationQuery.everything(50, null));

        assertThat(page.items()).extracting(Application::id).containsExactly("a2", "g3", "g2", "a1", "g1");
    }

    @Test
    void pagesThroughAllApplicationsWithoutGapsOrRepeats() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            store("p" + i, i % 2 == 0 ? GRONINGEN : ALMERE, Status.IN_REVIEW, T0.plusSeconds(i), List.of(2025));
            expected.add(0, "p" + i);
        }

        List<Integer> pageSizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Page<Application> page = repository.list(new ApplicationQuery(MINISTRY, null, null, null, 10, token));
            pageSizes.add(page.items().size());
            page.items().forEach(a -> seen.add(a.id()));
            token = page.nextToken();
        } while (token != null);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pageSizes).containsExactly(10, 10, 5);
    }

    @Test
    void fillsEveryPageWhileFiltersDropItems() {
        List<String> visible = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            boolean submitted = i % 3 == 0;
            store("f" + i, GRONINGEN, submitted ? Status.IN_REVIEW : Status.DRAFT, T0.plusSeconds(i), List.of(2025));
            if (submitted) {
                visible.add(0, "f" + i);
            }
        }

        List<Integer> pageSizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Page<Application> page = repository.list(new ApplicationQuery(ADVISOR, null, null, null, 4, token));
            pageSizes.add(page.items().size());
            page.items().forEach(a -> seen.add(a.id()));
            token = page.nextToken();
        } while (token != null);

        assertThat(seen).containsExactlyElementsOf(visible);
        assertThat(pageSizes).containsExactly(4, 4, 2);
    }

    @Test
    void pagesThroughOneMunicipalityWithAUrlSafeToken() {
        for (int i = 0; i < 5; i++) {
            store("m" + i, ALMERE, Status.DRAFT, T0.plusSeconds(i), List.of(2025));
        }
        store("other", GRONINGEN, Status.DRAFT, T0.plusSeconds(10), List.of(2025));

        Page<Application> first = repository.list(new ApplicationQuery(ALMERE_USER, null, null, null, 3, null));
        Page<Application> second = repository.list(new ApplicationQuery(ALMERE_USER, null, null, null, 3, first.nextToken()));

        assertThat(first.items()).extracting(Application::id).containsExactly("m4", "m3", "m2");
        assertThat(first.nextToken()).matches("[A-Za-z0-9_-]+");
        assertThat(second.items()).extracting(Application::id).containsExactly("m1", "m0");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void refusesAMalformedTokenOrOneOfAnotherQuery() {
        for (int i = 0; i < 3; i++) {
            store("t" + i, GRONINGEN, Status.IN_REVIEW, T0.plusSeconds(i), List.of(2025));
        }
        String ministryToken = repository.list(new ApplicationQuery(MINISTRY, null, null, null, 1, null)).nextToken();
        String groningenToken = repository.list(new ApplicationQuery(MINISTRY, null, GRONINGEN.code(), null, 1, null)).nextToken();
        Actor otherMunicipality = new Actor("u-x", "X", Role.MUNICIPALITY, new MunicipalityCode("GM0344"));

        assertThat(ministryToken).isNotNull();
        assertThatThrownBy(() -> list(MINISTRY, "not a token!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> list(MINISTRY, Base64.getUrlEncoder().encodeToString("garbage".getBytes())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> list(GRONINGEN_USER, ministryToken)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> list(otherMunicipality, groningenToken)).isInstanceOf(IllegalArgumentException.class);
        // the same partition and key, but given out to another caller: a token serves only its own caller and query
        assertThatThrownBy(() -> list(GRONINGEN_USER, groningenToken)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.list(new ApplicationQuery(MINISTRY, null, null, null, 1, ministryToken,
                null, true))).isInstanceOf(IllegalArgumentException.class);
        String own = list(GRONINGEN_USER, null).nextToken();
        assertThat(list(GRONINGEN_USER, own).items()).extracting(Application::id).containsExactly("t1");
    }

    @Test
    void refusesATokenOfTheCallersOwnPartitionThatPointsElsewhere() {
        for (int i = 0; i < 3; i++) {
            store("t" + i, GRONINGEN, Status.IN_REVIEW, T0.plusSeconds(i), List.of(2025));
        }
        String genuine = list(GRONINGEN_USER, null).nextToken();
        Map<String, String> key = decodeToken(genuine);
        String sortKey = key.get("GSI1SK");

        for (String forgedSortKey : List.of("A", "~", "", "APP#", sortKey.replace("#t", "#x"), sortKey + "9".repeat(1100))) {
            Map<String, String> forged = new TreeMap<>(key);
            forged.put("GSI1SK", forgedSortKey);
            assertThatThrownBy(() -> list(GRONINGEN_USER, encodeToken(forged)))
                    .as(forgedSortKey).isInstanceOf(IllegalArgumentException.class);
        }
        Map<String, String> event = new TreeMap<>(key);
        event.put("SK", "EVT#0");
        assertThatThrownBy(() -> list(GRONINGEN_USER, encodeToken(event))).isInstanceOf(IllegalArgumentException.class);
        assertThat(list(GRONINGEN_USER, encodeToken(key)).items()).extracting(Application::id).containsExactly("t1");
    }

    private Page<Application> list(Actor actor, String token) {
        return repository.list(new ApplicationQuery(actor, null, null, null, 1, token));
    }

    /** A token as the repository writes it: a format byte, a count, then names and values in modified UTF-8. */
    private static Map<String, String> decodeToken(String token) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(token)))) {
            in.readByte();
            int size = in.readByte();
            Map<String, String> key = new TreeMap<>();
            for (int i = 0; i < size; i++) {
                key.put(in.readUTF(), in.readUTF());
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encodeToken(Map<String, String> key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeByte(key.size());
            for (Map.Entry<String, String> e : key.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** Groningen: g1 draft, g2 in review, g3 withdrawn before submission; Almere: a1 in review, a2 awarded. */
    private void fiveApplications() {
        store("g1", GRONINGEN, Status.DRAFT, T0, List.of(2025, 2026));
        store("a1", ALMERE, Status.IN_REVIEW, T0.plusSeconds(1800), List.of(2026));
        store("g2", GRONINGEN, Status.IN_REVIEW, T0.plusSeconds(3600), List.of(2025));
        store("g3", GRONINGEN, Status.WITHDRAWN, T0.plusSeconds(7200), List.of(2025));
        store("a2", ALMERE, Status.AWARDED, T0.plusSeconds(10800), List.of(2025, 2026));
    }

    private void store(String id, Municipality municipality, Status status, Instant createdAt, List<Integer> years) {
        boolean submitted = status != Status.DRAFT && status != Status.WITHDRAWN;
        Application app = new Application(id, municipality, Fixtures.plan(years), status, 3,
                createdAt, createdAt, submitted ? createdAt.plusSeconds(60) : null, "creator", null, null, null, null, null, Map.of());
        repository.create(app, Task.open(TaskType.PREPARE, app, createdAt, null),
                event(GRONINGEN_USER, createdAt, "CREATED", null, status));
    }

    private List<String> ids(Actor actor, Status status, MunicipalityCode municipality, Integer year) {
        Page<Application> page = repository.list(new ApplicationQuery(actor, status, municipality, year, 50, null));
        assertThat(page.nextToken()).isNull();
        return page.items().stream().map(Application::id).toList();
    }
}
