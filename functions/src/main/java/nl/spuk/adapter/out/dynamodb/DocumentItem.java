package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.put;
import static nl.spuk.adapter.out.dynamodb.Attr.s;
import static nl.spuk.adapter.out.dynamodb.Attr.str;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps a document's metadata to its item ({@code PK=APP#id, SK=DOC#documentId}) and back. */
final class DocumentItem {
    static final String STATUS = "status";
    /** The order the contract lists documents in: oldest first (sort keys order them by id). */
    static final Comparator<Document> OLDEST_FIRST =
            Comparator.comparing(Document::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(Document::documentId);

    private DocumentItem() {
    }

    static Map<String, AttributeValue> toItem(Document d) {
        Map<String, AttributeValue> item = new HashMap<>(key(d.applicationId(), d.documentId()));
        item.put("type", s("DOCUMENT"));
        item.put("applicationId", s(d.applicationId()));
        item.put("documentId", s(d.documentId()));
        put(item, "kind", d.kind());
        put(item, "fileName", d.fileName());
        put(item, "contentType", d.contentType());
        item.put("sizeBytes", n(d.sizeBytes()));
        put(item, STATUS, d.status());
        put(item, "sha256", d.sha256());
        put(item, "createdAt", d.createdAt());
        put(item, "uploadedAt", d.uploadedAt());
        put(item, "uploadedBy", d.uploadedBy());
        put(item, "uploadedByRole", d.uploadedByRole());
        return item;
    }

    static Map<String, AttributeValue> key(String applicationId, String documentId) {
        return Keys.key(Keys.appPk(applicationId), Keys.documentSk(documentId));
    }

    static Document fromItem(Map<String, AttributeValue> item) {
        return new Document(
                str(item, "applicationId"),
                str(item, "documentId"),
                Attr.enumOf(DocumentKind.class, item, "kind"),
                str(item, "fileName"),
                str(item, "contentType"),
                Attr.num(item, "sizeBytes"),
                Attr.enumOf(DocumentStatus.class, item, STATUS),
                str(item, "sha256"),
                Attr.instant(item, "createdAt"),
                Attr.instant(item, "uploadedAt"),
                str(item, "uploadedBy"),
                str(item, "uploadedByRole"));
    }
}
