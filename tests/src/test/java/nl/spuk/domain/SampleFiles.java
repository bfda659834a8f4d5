package nl.spuk.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small files of each type an upload may have, built as their formats lay them out. */
public final class SampleFiles {
    public static final String PDF = "application/pdf";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String ODT = "application/vnd.oasis.opendocument.text";
    public static final String ODS = "application/vnd.oasis.opendocument.spreadsheet";
    public static final String CSV = "text/csv";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";

    private SampleFiles() {
    }

    /** One small file of each allowed type, by its content type. */
    public static Map<String, byte[]> samples() {
        Map<String, byte[]> samples = new LinkedHashMap<>();
        samples.put(PDF, concat("%PDF-1.7\n%".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xe2, (byte) 0xe3,
                (byte) 0xcf, (byte) 0xd3, '\n'}, "1 0 obj\n<< >>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
        samples.put(DOCX, zip(Map.of("[Content_Types].xml", "<Types/>", "_rels/.rels", "<Relationships/>",
                "word/document.xml", "<w:document/>")));
        samples.put(XLSX, zip(Map.of("[Content_Types].xml", "<Types/>", "_rels/.rels", "<Relationships/>",
                "xl/workbook.xml", "<workbook/>")));
        samples.put(ODT, openDocument(ODT));
        samples.put(ODS, openDocument(ODS));
        samples.put(CSV, "\uFEFFcode;naam;bedrag\r\nGM0014;Groningen;1250,00\nGM0034;Almere – Poort;12\n"
                .getBytes(StandardCharsets.UTF_8));
        samples.put(PNG, concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13}, "IHDR".getBytes(StandardCharsets.US_ASCII)));
        samples.put(JPEG, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0,
                (byte) 0xff, (byte) 0xd9});
        return samples;
    }

    /** An OpenDocument package as the specification lays it out: the media type first, stored. */
    public static byte[] openDocument(String mediaType) {
        return openDocument(mediaType, Map.of("content.xml", "<office:document-content/>", "META-INF/manifest.xml",
                "<manifest:manifest/>"));
    }

    /** An OpenDocument package that lacks one of its parts. */
    public static byte[] openDocumentWithout(String mediaType, String part) {
        Map<String, String> parts = new LinkedHashMap<>(Map.of("content.xml", "<c/>", "META-INF/manifest.xml", "<m/>"));
        parts.remove(part);
        return openDocument(mediaType, parts);
    }

    private static byte[] openDocument(String mediaType, Map<String, String> parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] type = mediaType.getBytes(StandardCharsets.US_ASCII);
            ZipEntry mimetype = new ZipEntry("mimetype");
            mimetype.setMethod(ZipEntry.STORED);
            mimetype.setSize(type.length);
            mimetype.setCompressedSize(type.length);
            CRC32 crc = new CRC32();
            crc.update(type);
            mimetype.setCrc(crc.getValue());
            zip.putNextEntry(mimetype);
            zip.write(type);
            zip.closeEntry();
            for (Map.Entry<String, String> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A ZIP of text parts, deflated. */
    public static byte[] zip(Map<String, String> parts) {
        return zip(parts, null, null);
    }

    /** A ZIP of one binary part first (none when its name is null), then text parts, deflated. */
    public static byte[] zip(Map<String, String> parts, String binaryName, byte[] binary) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (binaryName != null) {
                zip.putNextEntry(new ZipEntry(binaryName));
                zip.write(binary);
                zip.closeEntry();
            }
            for (Map.Entry<String, String> part : new TreeMap<>(parts).entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
