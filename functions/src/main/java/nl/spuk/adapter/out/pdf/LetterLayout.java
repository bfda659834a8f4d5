package nl.spuk.adapter.out.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * Lays a letter out on A4 pages from top to bottom: a cursor, word wrap, page breaks, a simple table and
 * page-numbered footers. Any text may be user input, so every string goes through {@link #clean}: characters the
 * font cannot show become {@code ?} and control characters are dropped. One instance per document; not thread-safe.
 */
final class LetterLayout {
    private static final float PAGE_WIDTH = PDRectangle.A4.getWidth();
    private static final float PAGE_HEIGHT = PDRectangle.A4.getHeight();
    private static final float LEFT = 72;
    private static final float TOP = PAGE_HEIGHT - 60;
    private static final float BOTTOM = 76;
    private static final float FOOTER_BASELINE = 44;
    private static final float WIDTH = PAGE_WIDTH - 2 * LEFT;
    private static final float CELL_PADDING = 4;
    private static final float BULLET_INDENT = 16;

    /** Text styles; the single embedded font is made bold by stroking its outline as well as filling it. */
    enum Style {
        TITLE(15, true, false), HEADING(11.5f, true, false), BODY(10, false, false), BOLD(10, true, false),
        SMALL(8, false, true);

        final float size;
        final boolean bold;
        final boolean grey;

        Style(float size, boolean bold, boolean grey) {
            this.size = size;
            this.bold = bold;
            this.grey = grey;
        }

        float leading() {
            return size * 1.4f;
        }
    }

    /** A table column: its header, its width in points, and whether its cells align right (amounts). */
    record Column(String header, float width, boolean alignRight) {
    }

    private final PDDocument doc;
    private final PDFont font;
    private final Map<Integer, Boolean> showable = new HashMap<>();
    private final Map<Integer, Float> widths = new HashMap<>();
    private PDPageContentStream out;
    private float y;

    LetterLayout(PDDocument doc, PDFont font) throws IOException {
        this.doc = doc;
        this.font = font;
        newPage();
    }

    /** A paragraph at the left margin, wrapped to the text width; newlines in the text start new lines. */
    void paragraph(String text, Style style) throws IOException {
        for (String line : wrap(clean(text), style.size, WIDTH)) {
            keepTogether(style.leading());
            draw(line, style, LEFT, baseline(style));
            y -= style.leading();
        }
    }

    /** A label in a narrow left column with its value wrapped beside it, as in a letter's reference block. */
    void labelled(String label, String value, float labelWidth) throws IOException {
        List<String> lines = wrap(clean(value), Style.BODY.size, WIDTH - labelWidth);
        for (int i = 0; i < lines.size(); i++) {
            keepTogether(Style.BODY.leading());
            if (i == 0) {
                draw(clean(label), Style.BOLD, LEFT, baseline(Style.BODY));
            }
            draw(lines.get(i), Style.BODY, LEFT + labelWidth, baseline(Style.BODY));
            y -= Style.BODY.leading();
        }
    }

    /** One item of a bullet list, wrapped with a hanging indent. */
    void bullet(String text) throws IOException {
        List<String> lines = wrap(clean(text), Style.BODY.size, WIDTH - BULLET_INDENT);
        for (int i = 0; i < lines.size(); i++) {
            keepTogether(Style.BODY.leading());
            if (i == 0) {
                draw("\u2022", Style.BODY, LEFT + 4, baseline(Style.BODY));
            }
            draw(lines.get(i), Style.BODY, LEFT + BULLET_INDENT, baseline(Style.BODY));
            y -= Style.BODY.leading();
        }
    }

    /** A section heading, kept on the same page as the first lines that follow it. */
    void heading(String text) throws IOException {
        gap(8);
        keepTogether(Style.HEADING.leading() + 3 * Style.BODY.leading());
        paragraph(text, Style.HEADING);
        gap(1);
    }

    /** A thin horizontal line across the text width. */
    void rule() throws IOException {
        line(LEFT, y, LEFT + WIDTH, y, 0.6f);
        gap(10);
    }

    void gap(float points) {
        y -= points;
    }

    /** Starts a new page unless {@code height} points still fit on this one. */
    void keepTogether(float height) throws IOException {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    /**
     * A table with a shaded header row, the body rows and an optional bold total row (null for none). Cells wrap
     * within their column; a row is never split over two pages, and the header repeats on a new page.
     */
    void table(List<Column> columns, List<List<String>> rows, List<String> total) throws IOException {
        List<String> headers = columns.stream().map(Column::header).toList();
        float start = rowHeight(columns, headers, Style.BOLD);
        if (!rows.isEmpty()) {
            start += rowHeight(columns, rows.get(0), Style.BODY);
        }
        keepTogether(start);
        tableRow(columns, headers, headers, RowKind.HEADER);
        for (List<String> row : rows) {
            tableRow(columns, headers, row, RowKind.BODY);
        }
        if (total != null) {
            tableRow(columns, headers, total, RowKind.TOTAL);
        }
        line(LEFT, y, LEFT + tableWidth(columns), y, 0.8f);
        gap(6);
    }

    /** Ends the last page and writes each page's footer: a reference on the left, "pagina i van n" on the right. */
    void finish(String footerLeft) throws IOException {
        out.close();
        int count = doc.getNumberOfPages();
        String reference = clean(footerLeft);
        for (int i = 0; i < count; i++) {
            PDPage page = doc.getPage(i);
            try (PDPageContentStream footer = new PDPageContentStream(doc, page,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                out = footer;
                String number = "pagina " + (i + 1) + " van " + count;
                float numberWidth = width(number, Style.SMALL.size);
                line(LEFT, FOOTER_BASELINE + 12, LEFT + WIDTH, FOOTER_BASELINE + 12, 0.4f);
                draw(truncate(reference, Style.SMALL.size, WIDTH - numberWidth - 24), Style.SMALL, LEFT, FOOTER_BASELINE);
                draw(number, Style.SMALL, LEFT + WIDTH - numberWidth, FOOTER_BASELINE);
            }
        }
        out = null;
    }

    /**
     * Makes user text safe to draw: CR/LF and the Unicode line separators become {@code \n}, a tab a space, other
     * control and invisible format characters are dropped, and anything the font has no glyph for becomes {@code ?}.
     */
    private String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r') {
                if (i < text.length() && text.charAt(i) == '\n') {
                    continue;
                }
                sb.append('\n');
            } else if (cp == '\n' || cp == '\u2028' || cp == '\u2029') {
                sb.append('\n');
            } else if (cp == '\t') {
                sb.append(' ');
            } else if (Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT) {
                continue;
            } else {
                sb.append(canShow(cp) ? Character.toString(cp) : "?");
            }
        }
        return sb.toString();
    }

    private boolean canShow(int cp) {
        return showable.computeIfAbsent(cp, c -> {
            if (Character.getType(c) == Character.SURROGATE) {
                return false;
            }
            try {
                font.encode(Character.toString(c));
                return true;
            } catch (IllegalArgumentException | IOException noGlyph) {
                return false;
            }
        });
    }

    /** Wraps cleaned text into lines of at most {@code maxWidth} points; a word too long for a line is cut. */
    private List<String> wrap(String text, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, size) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (width(rest, size) > maxWidth) {
                    int cut = fittingPrefix(rest, size, maxWidth);
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The length of the longest prefix that fits, and at least one code point so that wrapping always advances. */
    private int fittingPrefix(String text, float size, float maxWidth) {
        float used = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            used += charWidth(cp) * size / 1000;
            if (used > maxWidth && i > 0) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private String truncate(String text, float size, float maxWidth) {
        if (width(text, size) <= maxWidth) {
            return text;
        }
        return text.substring(0, fittingPrefix(text, size, maxWidth - width("\u2026", size))) + "\u2026";
    }

    private float width(String text, float size) {
        float units = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            units += charWidth(cp);
            i += Character.charCount(cp);
        }
        return units * size / 1000;
    }

    private float charWidth(int cp) {
        return widths.computeIfAbsent(cp, c -> {
            try {
                return font.getStringWidth(Character.toString(c));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private enum RowKind { HEADER, BODY, TOTAL }

    /** Draws one table row, first moving to a new page (with the header repeated) when it does not fit here. */
    private void tableRow(List<Column> columns, List<String> headers, List<String> cells, RowKind kind)
            throws IOException {
        Style style = kind == RowKind.BODY ? Style.BODY : Style.BOLD;
        float height = rowHeight(columns, cells, style);
        if (y - height < BOTTOM) {
            newPage();
            if (kind != RowKind.HEADER) {
                tableRow(columns, headers, headers, RowKind.HEADER);
            }
        }
        if (kind == RowKind.HEADER) {
            out.setNonStrokingColor(0.92f);
            out.addRect(LEFT, y - height, tableWidth(columns), height);
            out.fill();
            out.setNonStrokingColor(0f);
        } else if (kind == RowKind.TOTAL) {
            line(LEFT, y, LEFT + tableWidth(columns), y, 0.8f);
        }
        float x = LEFT;
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            float lineTop = y - CELL_PADDING;
            for (String line : wrap(clean(cells.get(c)), style.size, column.width() - 2 * CELL_PADDING)) {
                float lineX = column.alignRight() ? x + column.width() - CELL_PADDING - width(line, style.size)
                        : x + CELL_PADDING;
                draw(line, style, lineX, lineTop - style.size);
                lineTop -= style.leading();
            }
            x += column.width();
        }
        y -= height;
        if (kind == RowKind.HEADER) {
            line(LEFT, y, LEFT + tableWidth(columns), y, 0.8f);
        }
    }

    private float rowHeight(List<Column> columns, List<String> cells, Style style) {
        int lines = 1;
        for (int c = 0; c < columns.size(); c++) {
            lines = Math.max(lines, wrap(clean(cells.get(c)), style.size,
                    columns.get(c).width() - 2 * CELL_PADDING).size());
        }
        return lines * style.leading() + 2 * CELL_PADDING - (style.leading() - style.size) / 2;
    }

    private static float tableWidth(List<Column> columns) {
        float width = 0;
        for (Column column : columns) {
            width += column.width();
        }
        return width;
    }

    private float baseline(Style style) {
        return y - style.size;
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        out = new PDPageContentStream(doc, page);
        y = TOP;
    }

    private void draw(String cleaned, Style style, float x, float baseline) throws IOException {
        if (cleaned.isEmpty()) {
            return;
        }
        float grey = style.grey ? 0.35f : 0f;
        out.setNonStrokingColor(grey);
        out.setStrokingColor(grey);
        out.setLineWidth(style.size * 0.04f); // only used by the stroked outline that makes text bold
        out.beginText();
        out.setFont(font, style.size);
        out.setRenderingMode(style.bold ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
        out.newLineAtOffset(x, baseline);
        out.showText(cleaned);
        out.endText();
        out.setNonStrokingColor(0f);
        out.setStrokingColor(0f);
    }

    private void line(float x1, float y1, float x2, float y2, float lineWidth) throws IOException {
        out.setLineWidth(lineWidth);
        out.moveTo(x1, y1);
        out.lineTo(x2, y2);
        out.stroke();
    }
}
