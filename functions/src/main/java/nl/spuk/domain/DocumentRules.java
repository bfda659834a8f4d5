package nl.spuk.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What may be uploaded: the allowed types by extension and content type, the size limit, file names, and how many
 * documents an application holds.
 */
public final class DocumentRules {
    public static final long MAX_BYTES = 20L * 1024 * 1024;
    public static final int MAX_FILE_NAME = 200;
    /** How long a client may upload an announced document: its presigned upload URL expires after this. */
    public static final Duration UPLOAD_WINDOW = Duration.ofMinutes(15);
    /** Uploaded documents an application may hold, whatever their status (letters the product writes not counted). */
    public static final int MAX_DOCUMENTS_PER_APPLICATION = 100;
    /** Documents of one application announced and not yet checked: each one holds a presigned upload of 20 MiB. */
    public static final int MAX_WAITING_FOR_UPLOAD = 20;

    /** Allowed content types, each with the extensions that go with it. */
    public static final Map<String, List<String>> CONTENT_TYPES = Map.of(
            "application/pdf", List.of("pdf"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", List.of("docx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", List.of("xlsx"),
            "application/vnd.oasis.opendocument.text", List.of("odt"),
            "application/vnd.oasis.opendocument.spreadsheet", List.of("ods"),
            "text/csv", List.of("csv"),
            "image/png", List.of("png"),
            "image/jpeg", List.of("jpg", "jpeg"));

    /** Each allowed type as its users call it, for the Dutch reason of a rejection. */
    private static final Map<String, String> DUTCH_NAMES = Map.of(
            "application/pdf", "pdf-bestand",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word-document (docx)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel-werkmap (xlsx)",
            "application/vnd.oasis.opendocument.text", "OpenDocument-tekst (odt)",
            "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument-rekenblad (ods)",
            "text/csv", "CSV-bestand (tekst in UTF-8)",
            "image/png", "PNG-afbeelding",
            "image/jpeg", "JPEG-afbeelding");

    private DocumentRules() {
    }

    /**
     * The display name to store: the last path segment, without control characters and trimmed. Null when
     * nothing usable remains.
     */
    public static String displayName(String fileName) {
        if (fileName == null) {
            return null;
        }
        String base = fileName;
        int cut = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        if (cut >= 0) {
            base = base.substring(cut + 1);
        }
        StringBuilder clean = new StringBuilder();
        base.codePoints()
                .filter(c -> !Character.isISOControl(c) && c != '"' && Character.getType(c) != Character.FORMAT)
                .forEach(clean::appendCodePoint);
        String name = clean.toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return null;
        }
        return name;
    }

    public static List<FieldError> check(String fileName, String contentType, long sizeBytes, DocumentKind kind) {
        List<FieldError> errors = new ArrayList<>();
        String name = displayName(fileName);
        if (name == null) {
            errors.add(new FieldError("fileName", "is required"));
        } else if (name.length() > MAX_FILE_NAME) {
            errors.add(new FieldError("fileName", "must be at most " + MAX_FILE_NAME + " characters"));
        }
        List<String> extensions = contentType == null ? null : CONTENT_TYPES.get(contentType);
        if (extensions == null) {
            errors.add(new FieldError("contentType", "allowed are pdf, docx, xlsx, odt, ods, csv, png and jpeg"));
        } else if (name != null && !extensions.contains(extension(name))) {
            errors.add(new FieldError("fileName", "the extension does not match the content type " + contentType));
        }
        if (sizeBytes <= 0) {
            errors.add(new FieldError("sizeBytes", "must be above zero"));
        } else if (sizeBytes > MAX_BYTES) {
            errors.add(new FieldError("sizeBytes", "must be at most 20 MiB (" + MAX_BYTES + " bytes)"));
        }
        if (kind == null || !DocumentKind.UPLOADABLE.contains(kind)) {
            errors.add(new FieldError("kind", "choose one of PLAN, COUNCIL_DECISION, BUDGET, REPORT, ADVICE, OTHER"));
        }
        return errors;
    }

    /** An allowed content type in Dutch words ("pdf-bestand"); the type itself for any other. */
    public static String dutchName(String contentType) {
        return DUTCH_NAMES.getOrDefault(contentType, contentType);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
