package nl.spuk.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether bytes are of the type they were declared as, judged from the bytes themselves as they stream past once
 * (never held whole): PDF, PNG and JPEG by their signatures; Office Open XML and OpenDocument by their ZIP container
 * (the central directory names a docx's {@code word/} parts or an xlsx's {@code xl/} parts; an OpenDocument package
 * starts with its uncompressed {@code mimetype}); CSV as text in UTF-8. Nothing is decompressed, so a ZIP bomb costs
 * no more than its own bytes. Feed every byte to {@link #accept}, then ask {@link #matches()}.
 */
public final class ContentTypeCheck {
    /** PDF readers look for the header in the first kilobyte; OpenDocument's mimetype entry lies well within it. */
    private static final int HEAD_BYTES = 1024;
    /**
     * How much of a ZIP's end is kept: its central directory and end record must lie within it. Office documents name
     * a few dozen to a few thousand parts, some tens of bytes each.
     */
    private static final int TAIL_BYTES = 1024 * 1024;
    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_DIRECTORY = 0x06054b50;
    private static final int END_RECORD_BYTES = 22;
    private static final int CENTRAL_HEADER_BYTES = 46;
    private static final int LOCAL_HEADER_BYTES = 30;

    private enum Kind { PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV }

    private final Kind kind;
    private final byte[] head = new byte[HEAD_BYTES];
    private int headLength;
    /** The last bytes seen, as a ring; only for the ZIP based types. */
    private final byte[] tail;
    private long length;
    private final Utf8Text text;

    private ContentTypeCheck(Kind kind) {
        this.kind = kind;
        boolean zip = kind == Kind.DOCX || kind == Kind.XLSX || kind == Kind.ODT || kind == Kind.ODS;
        this.tail = zip ? new byte[TAIL_BYTES] : null;
        this.text = kind == Kind.CSV ? new Utf8Text() : null;
    }

    /**
     * A check for one of the allowed content types ({@link DocumentRules#CONTENT_TYPES}).
     *
     * @throws IllegalArgumentException for any other type
     */
    public static ContentTypeCheck of(String contentType) {
        return new ContentTypeCheck(switch (contentType) {
            case "application/pdf" -> Kind.PDF;
            case "image/png" -> Kind.PNG;
            case "image/jpeg" -> Kind.JPEG;
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> Kind.DOCX;
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> Kind.XLSX;
            case "application/vnd.oasis.opendocument.text" -> Kind.ODT;
            case "application/vnd.oasis.opendocument.spreadsheet" -> Kind.ODS;
            case "text/csv" -> Kind.CSV;
            default -> throw new IllegalArgumentException("not an allowed content type: " + contentType);
        });
    }

    /** The next bytes of the content. */
    public void accept(byte[] bytes, int offset, int count) {
        int toHead = Math.min(count, HEAD_BYTES - headLength);
        if (toHead > 0) {
            System.arraycopy(bytes, offset, head, headLength, toHead);
            headLength += toHead;
        }
        if (tail != null) {
            keepInTail(bytes, offset, count);
        }
        if (text != null) {
            text.accept(bytes, offset, count);
        }
        length += count;
    }

    /** Whether all the bytes accepted are of the declared type. */
    public boolean matches() {
        return switch (kind) {
            case PDF -> indexOf(head, headLength, PDF) >= 0;
            case PNG -> startsWith(PNG);
            case JPEG -> startsWith(JPEG);
            case CSV -> text.valid();
            case DOCX -> officeOpenXml("word/");
            case XLSX -> officeOpenXml("xl/");
            case ODT -> openDocument("application/vnd.oasis.opendocument.text");
            case ODS -> openDocument("application/vnd.oasis.opendocument.spreadsheet");
        };
    }

    private void keepInTail(byte[] bytes, int offset, int count) {
        int skip = Math.max(0, count - TAIL_BYTES);
        int position = (int) ((length + skip) % TAIL_BYTES);
        for (int i = skip; i < count; ) {
            int run = Math.min(count - i, TAIL_BYTES - position);
            System.arraycopy(bytes, offset + i, tail, position, run);
            i += run;
            position = (position + run) % TAIL_BYTES;
        }
    }

    /** A package of Office Open XML: its content types part, and parts of the application's own folder. */
    private boolean officeOpenXml(String partsFolder) {
        Set<String> names = zipEntryNames();
        return names != null && names.contains("[Content_Types].xml")
                && names.stream().anyMatch(n -> n.startsWith(partsFolder));
    }

    /** An OpenDocument package: first the media type, stored uncompressed, then a container with its content. */
    private boolean openDocument(String mediaType) {
        byte[] expected = mediaType.getBytes(StandardCharsets.US_ASCII);
        if (headLength < LOCAL_HEADER_BYTES || int32(head, 0) != LOCAL_HEADER || int16(head, 8) != 0
                || int32(head, 18) != expected.length || int16(head, 26) != "mimetype".length()
                || !Arrays.equals(head, 30, 38, "mimetype".getBytes(StandardCharsets.US_ASCII), 0, 8)) {
            return false;
        }
        int content = LOCAL_HEADER_BYTES + 8 + int16(head, 28);
        if (content + expected.length > headLength
                || !Arrays.equals(head, content, content + expected.length, expected, 0, expected.length)) {
            return false;
        }
        Set<String> names = zipEntryNames();
        return names != null && names.contains("content.xml");
    }

    /**
     * The entry names in the central directory of a ZIP that starts with a local header and whose directory ends
     * right before its end record, within the tail kept; null for anything else (also ZIP64, which no document of
     * 20 MiB needs).
     */
    private Set<String> zipEntryNames() {
        if (headLength < 4 || int32(head, 0) != LOCAL_HEADER) {
            return null;
        }
        int kept = (int) Math.min(length, TAIL_BYTES);
        byte[] end = new byte[kept];
        int start = (int) ((length - kept) % TAIL_BYTES);
        int firstRun = Math.min(kept, TAIL_BYTES - start);
        System.arraycopy(tail, start, end, 0, firstRun);
        System.arraycopy(tail, 0, end, firstRun, kept - firstRun);
        long endOffset = length - kept;

        int record = -1;
        for (int at = kept - END_RECORD_BYTES; at >= Math.max(0, kept - END_RECORD_BYTES - 0xffff); at--) {
            if (int32(end, at) == END_OF_DIRECTORY && int16(end, at + 20) == kept - at - END_RECORD_BYTES) {
                record = at;
                break;
            }
        }
        if (record < 0 || int16(end, record + 4) != 0 || int16(end, record + 6) != 0) {
            return null;
        }
        int entries = int16(end, record + 10);
        long directorySize = uint32(end, record + 12);
        long directoryOffset = uint32(end, record + 16);
        if (entries == 0xffff || directorySize == 0xffffffffL || directoryOffset == 0xffffffffL
                || directoryOffset + directorySize != endOffset + record || directoryOffset < endOffset) {
            return null;
        }
        Set<String> names = new HashSet<>();
        int at = (int) (directoryOffset - endOffset);
        for (int i = 0; i < entries; i++) {
            if (at + CENTRAL_HEADER_BYTES > record || int32(end, at) != CENTRAL_HEADER) {
                return null;
            }
            int nameLength = int16(end, at + 28);
            int next = at + CENTRAL_HEADER_BYTES + nameLength + int16(end, at + 30) + int16(end, at + 32);
            if (next > record) {
                return null;
            }
            names.add(new String(end, at + CENTRAL_HEADER_BYTES, nameLength, StandardCharsets.UTF_8));
            at = next;
        }
        return at == record ? names : null;
    }

    private boolean startsWith(byte[] signature) {
        return headLength >= signature.length && Arrays.equals(head, 0, signature.length, signature, 0, signature.length);
    }

    private static int indexOf(byte[] bytes, int count, byte[] wanted) {
        for (int i = 0; i + wanted.length <= count; i++) {
            if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        return -1;
    }

    /** ZIP numbers are little-endian. */
    private static int int16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int int32(byte[] b, int at) {
        return int16(b, at) | int16(b, at + 2) << 16;
    }

    private static long uint32(byte[] b, int at) {
        return int32(b, at) & 0xffffffffL;
    }

    /**
     * Text: well-formed UTF-8 (the WHATWG decoder's rules: no overlong forms, surrogates or code points above
     * U+10FFFF) without control characters other than tab, line feed and carriage return, checked byte by byte.
     */
    private static final class Utf8Text {
        private int continuationsNeeded;
        private int lowest = 0x80;
        private int highest = 0xbf;
        private boolean valid = true;

        void accept(byte[] bytes, int offset, int count) {
            for (int i = offset; i < offset + count && valid; i++) {
                accept(bytes[i] & 0xff);
            }
        }

        private void accept(int b) {
            if (continuationsNeeded > 0) {
                valid = b >= lowest && b <= highest;
                lowest = 0x80;
                highest = 0xbf;
                continuationsNeeded--;
            } else if (b < 0x80) {
                valid = b >= 0x20 && b != 0x7f || b == '\t' || b == '\n' || b == '\r';
            } else if (b >= 0xc2 && b <= 0xdf) {
                continuationsNeeded = 1;
            } else if (b >= 0xe0 && b <= 0xef) {
                continuationsNeeded = 2;
                lowest = b == 0xe0 ? 0xa0 : 0x80;
                highest = b == 0xed ? 0x9f : 0xbf;
            } else if (b >= 0xf0 && b <= 0xf4) {
                continuationsNeeded = 3;
                lowest = b == 0xf0 ? 0x90 : 0x80;
                highest = b == 0xf4 ? 0x8f : 0xbf;
            } else {
                valid = false;
            }
        }

        boolean valid() {
            return valid && continuationsNeeded == 0;
        }
    }
}
