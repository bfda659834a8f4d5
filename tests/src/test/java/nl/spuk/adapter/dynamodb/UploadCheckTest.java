package nl.spuk.adapter.dynamodb;

import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN_USER;
import static nl.spuk.adapter.dynamodb.Fixtures.T0;
import static nl.spuk.adapter.dynamodb.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbDocumentRepository;
import nl.spuk.application.UploadCheck;
import nl.spuk.application.port.StoredContent;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentRules;
import nl.spuk.domain.DocumentStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upload check on DynamoDB Local and storage in memory: it checks a copy no upload URL reaches and serves that
 * copy, so the hash it records always describes what is served; later PUTs are ignored; bytes of another type are
 * rejected with a reason in Dutch; uploads that never came are given up; runs at once converge; the sweep is bounded.
 */
public class UploadCheckTest extends LocalDynamoDbTestBase {
    private static final byte[] PLAN = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_PLAN = "%PDF-1.7\n% swap\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private final AtomicReference<Instant> now = new AtomicReference<>(T0.plusSeconds(5));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private InMemoryStorage storage;
    private DynamoDbDocumentRepository documents;
    private DynamoDbApplicationRepository applications;
    private UploadCheck uploads;

    @BeforeEach
    void setUp() {
        storage = new InMemoryStorage();
        documents = new DynamoDbDocumentRepository(client, table);
        applications = new DynamoDbApplicationRepository(client, table);
        uploads = new UploadCheck(documents, storage, clock);
    }

    @Test
    void checksACopyOfTheUploadAndServesThatCopy() {
        Document plan = announced("a-1", "d-1", PLAN.length);
        storage.put(plan.uploadKey(), "application/pdf", PLAN);

        Document checked = uploads.confirmUpload(plan.uploadKey()).orElseThrow();

        assertThat(checked.status()).isEqualTo(DocumentStatus.AVAILABLE);
        assertThat(checked.sha256()).isEqualTo(sha256(PLAN));
        assertThat(checked.contentKey()).startsWith("checked/a-1/d-1/");
        assertThat(storage.objects.get(checked.contentKey()).bytes()).isEqualTo(PLAN);
        assertThat(storage.objects).doesNotContainKey(plan.uploadKey());
        assertThat(documents.find("a-1", "d-1")).contains(checked);
        assertThat(applications.history("a-1")).extracting(AuditEvent::action).containsExactly("DOCUMENT_ANNOUNCED", "DOCUMENT_UPLOADED");
    }

    @Test
    void aPutAfterTheCheckIsIgnoredAndItsBytesRemoved() {
        Document plan = announced("a-1", "d-1", PLAN.length);
        storage.put(plan.uploadKey(), "application/pdf", PLAN);
        Document checked = uploads.confirmUpload(plan.uploadKey()).orElseThrow();

        storage.put(plan.uploadKey(), "application/pdf", OTHER_PLAN);
        Document after = uploads.confirmUpload(plan.uploadKey()).orElseThrow();

        assertThat(after).isEqualTo(checked);
        assertThat(documents.find("a-1", "d-1")).contains(checked);
        assertThat(storage.objects.get(checked.contentKey()).bytes()).isEqualTo(PLAN);
        assertThat(storage.objects).doesNotContainKey(plan.uploadKey());
        assertThat(applications.history("a-1")).hasSize(2);
    }

    @Test
    void bytesOfAnotherTypeThanDeclaredAreRejectedWithADutchReasonAndKeptNowhere() {
        byte[] text = "dit is geen pdf maar platte tekst".getBytes(StandardCharsets.UTF_8);
        Document plan = announced("a-1", "d-1", text.length);
        storage.put(plan.uploadKey(), "application/pdf", text);

        Document rejected = uploads.confirmUpload(plan.uploadKey()).orElseThrow();

        assertThat(rejected.status()).isEqualTo(DocumentStatus.REJECTED);
        assertThat(rejected.rejectionReason())
                .isEqualTo("Het bestand is aangemeld als pdf-bestand, maar de inhoud is geen pdf-bestand.");
        assertThat(rejected.sha256()).isNull();
        assertThat(rejected.contentKey()).isNull();
        assertThat(storage.objects).isEmpty();
        assertThat(applications.history("a-1")).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("DOCUMENT_REJECTED");
            assertThat(e.details()).containsEntry("reason", rejected.rejectionReason());
        });
    }

    @Test
    void anObjectOfAnotherSizeOrStoredTypeThanAnnouncedIsRejected() {
        Document plan = announced("a-1", "d-1", PLAN.length + 1);
        storage.put(plan.uploadKey(), "application/pdf", PLAN);
        Document png = announced("a-1", "d-2", PLAN.length);
        storage.put(png.uploadKey(), "image/png", PLAN);

        assertThat(uploads.confirmUpload(plan.uploadKey()).orElseThrow().rejectionReason()).contains("grootte");
        assertThat(uploads.confirmUpload(png.uploadKey()).orElseThrow().status()).isEqualTo(DocumentStatus.REJECTED);
    }

    @Test
    void twoChecksAtOnceConvergeOnOneCopyThatTheRecordedHashDescribes() {
        Document plan = announced("a-1", "d-1", PLAN.length);
        storage.put(plan.uploadKey(), "application/pdf", PLAN);
        // while the first check reads its copy, the client PUTs again and a second check runs to its end
        InMemoryStorage interleaving = new InMemoryStorage() {
            private boolean interleaved;

            @Override
            public Optional<StoredContent> read(String key) {
                if (!interleaved) {
                    interleaved = true;
                    storage.put(plan.uploadKey(), "application/pdf", OTHER_PLAN);
                    assertThat(uploads.settle(plan).status()).isEqualTo(DocumentStatus.AVAILABLE);
                }
                return storage.read(key);
            }

            @Override
            public boolean copy(String fromKey, String toKey) {
                return storage.copy(fromKey, toKey);
            }

            @Override
            public void delete(String key) {
                storage.delete(key);
            }
        };

        Document answered = new UploadCheck(documents, interleaving, clock).settle(plan);

        Document stored = documents.find("a-1", "d-1").orElseThrow();
        assertThat(answered).isEqualTo(stored);
        assertThat(stored.sha256()).isEqualTo(sha256(OTHER_PLAN));
        assertThat(storage.objects.get(stored.contentKey()).bytes()).isEqualTo(OTHER_PLAN);
        assertThat(storage.objects.keySet()).containsExactly(stored.contentKey());
    }

    @Test
    void withoutAnObjectADocumentWaitsUntilItsUploadIsGivenUp() {
        Document plan = announced("a-1", "d-1", PLAN.length);

        now.set(plan.createdAt().plus(DocumentRules.UPLOAD_WINDOW).plusSeconds(60));
        assertThat(uploads.settle(plan).status()).isEqualTo(DocumentStatus.PENDING_UPLOAD);

        now.set(plan.createdAt().plus(DocumentRules.UPLOAD_WINDOW.multipliedBy(2)).plusSeconds(1));
        Document givenUp = uploads.settle(plan);
        assertThat(givenUp.status()).isEqualTo(DocumentStatus.REJECTED);
        assertThat(givenUp.rejectionReason()).isEqualTo("Het bestand is niet geüpload binnen 15 minuten na de aanmelding. "
                + "Meld het opnieuw aan.");
        assertThat(documents.waitingForUpload(10)).isEmpty();
    }

    @Test
    void objectsNoDocumentWasAnnouncedForAreRemovedAndOtherKeysLeftAlone() {
        storage.put("applications/a-1/documents/never", "application/pdf", PLAN);
        storage.put("letters/a-1/letter", "application/pdf", PLAN);

        assertThat(uploads.confirmUpload("applications/a-1/documents/never")).isEmpty();
        assertThat(uploads.confirmUpload("letters/a-1/letter")).isEmpty();

        assertThat(storage.objects.keySet()).containsExactly("letters/a-1/letter");
    }

    @Test
    void aSweepSettlesTheUploadsThatWaitLongestABoundedNumberAtATime() {
        int waiting = UploadCheck.UPLOADS_PER_SWEEP + 5;
        for (int i = 0; i < waiting; i++) {
            Document d = announced("a-" + (i % 2), "d-" + i, PLAN.length);
            storage.put(d.uploadKey(), "application/pdf", PLAN);
        }
        Document stranded = announced("a-2", "never-uploaded", PLAN.length);

        assertThat(uploads.sweep()).isEqualTo(UploadCheck.UPLOADS_PER_SWEEP);
        assertThat(uploads.sweep()).isEqualTo(5);
        assertThat(uploads.sweep()).isZero();
        assertThat(documents.waitingForUpload(100)).containsExactly(stranded);

        now.set(stranded.createdAt().plus(Duration.ofHours(1)));
        assertThat(uploads.sweep()).isEqualTo(1);
        assertThat(documents.waitingForUpload(100)).isEmpty();
    }

    private Document announced(String applicationId, String documentId, long size) {
        Document d = new Document(applicationId, documentId, DocumentKind.PLAN, "plan.pdf", "application/pdf", size,
                DocumentStatus.PENDING_UPLOAD, null, now.get(), null, GRONINGEN_USER.id(), "MUNICIPALITY", null, null, null);
        documents.add(d, event(GRONINGEN_USER, d.createdAt(), "DOCUMENT_ANNOUNCED", null, null), 100, 20);
        now.set(now.get().plusMillis(1)); // each announced a moment after the one before
        return d;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
