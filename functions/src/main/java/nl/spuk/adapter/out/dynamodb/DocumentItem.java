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

/**
 * Maps a document's metadata to its item ({@code PK=APP#id, SK=DOC#documentId}) and back. While it waits for its
 * upload the item is also in GSI2's partition {@code UPLOADS_WAITING}, longest waiting first; settling it writes the
 * item without those attributes, which takes it out.
 */
final class DocumentItem {
    static final String STATUS = "status";
    static final String CREATED_AT = "createdAt";
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
        put(item, CREATED_AT, d.createdAt());
        put(item, "uploadedAt", d.uploadedAt());
        put(item, "uploadedBy", d.uploadedBy());
        put(item, "uploadedByRole", d.uploadedByRole());
        put(item, "uploadedByName", d.uploadedByName());
        put(item, "contentKey", d.contentKey());
        put(item, "rejectionReason", d.rejectionReason());
        if (d.status() == DocumentStatus.PENDING_UPLOAD) {
            item.put(DynamoDbTable.GSI2_PK, s(Keys.UPLOADS_WAITING));
            item.put(DynamoDbTable.GSI2_SK, s(Attr.sortable(d.createdAt()) + "#" + d.applicationId() + "#" + d.documentId()));
        }
        return item;
    }

    /**
     * The record of a removed document ({@code SK=REMOVED#documentId}): its metadata as it was, in no index, so a
     * repeated removal is told from a document that never was and can remove what storage still holds of it.
     */
    static Map<String, AttributeValue> toRemovedItem(Document d) {
        Map<String, AttributeValue> item = toItem(d);
        item.remove(DynamoDbTable.GSI2_PK);
        item.remove(DynamoDbTable.GSI2_SK);
        item.putAll(removedKey(d.applicationId(), d.documentId()));
        item.put("type", s("REMOVED_DOCUMENT"));
        return item;
    }

    static Map<String, AttributeValue> removedKey(String applicationId, String documentId) {
        return Keys.key(Keys.appPk(applicationId), Keys.removedDocumentSk(documentId));
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
                Attr.instant(item, CREATED_AT),
                Attr.instant(item, "uploadedAt"),
                str(item, "uploadedBy"),
                str(item, "uploadedByRole"),
                str(item, "contentKey"),
                str(item, "rejectionReason"),
                str(item, "uploadedByName"));
    }
}
