package nl.spuk.adapter.in.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.spuk.adapter.in.lambda.http.ApiException;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.monitoring.AllocationRow;
import nl.spuk.application.monitoring.MunicipalityService;
import nl.spuk.domain.FieldError;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * The rows of an allocation import sent as an Excel workbook: its first sheet, whose first row holds Dutch headers —
 * {@code CBS-code}, {@code Jaar} and {@code Toegewezen} (in euros), in any order, other columns ignored. The workbook
 * {@code GET /v1/monitoring/spending.xlsx} exports has no {@code Jaar} column: its sheet, "Besteding 2026", names the
 * year. Euros become cents exactly; an amount with a fraction of a cent is refused, as is anything else that is no
 * amount, with the row and column named (Dutch). Rows whose cells are all empty are skipped.
 */
final class AllocationWorkbook {
    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CODE = "CBS-code";
    static final String YEAR = "Jaar";
    static final String AMOUNT = "Toegewezen";
    private static final Pattern YEAR_IN_SHEET_NAME = Pattern.compile("\\b(\\d{4})\\b");

    private AllocationWorkbook() {
    }

    /**
     * @throws ApiException 400 when the body is no Excel workbook
     * @throws RuleViolationException when a header is missing or a cell holds no code, year or amount (nothing changed)
     */
    static List<AllocationRow> rows(byte[] body) {
        if (body == null || body.length < 4 || !ReadableWorkbook.isOOXMLZipHeader(body)) {
            throw ApiException.badRequest("de inhoud is geen Excel-werkmap (.xlsx)");
        }
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(body));
             Stream<Row> stream = workbook.getFirstSheet().openStream()) {
            return rows(workbook.getFirstSheet(), stream.iterator());
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw ApiException.badRequest("de Excel-werkmap kan niet worden gelezen");
        }
    }

    private static List<AllocationRow> rows(Sheet sheet, Iterator<Row> rows) {
        if (!rows.hasNext()) {
            throw refused(List.of(new FieldError("line 1", "de werkmap is leeg: de eerste regel moet de kopjes "
                    + CODE + ", " + YEAR + " en " + AMOUNT + " bevatten")));
        }
        Row header = rows.next();
        Map<String, Integer> columns = new java.util.HashMap<>();
        for (Cell cell : header) {
            if (cell != null && cell.getType() == CellType.STRING) {
                columns.putIfAbsent(cell.asString().strip().toLowerCase(Locale.ROOT), cell.getColumnIndex());
            }
        }
        Integer code = columns.get(CODE.toLowerCase(Locale.ROOT));
        Integer year = columns.get(YEAR.toLowerCase(Locale.ROOT));
        Integer amount = columns.get(AMOUNT.toLowerCase(Locale.ROOT));
        Matcher named = YEAR_IN_SHEET_NAME.matcher(sheet.getName() == null ? "" : sheet.getName());
        String sheetYear = named.find() ? named.group(1) : null;
        List<FieldError> errors = new ArrayList<>();
        if (code == null) {
            errors.add(new FieldError("line 1", "de kolom " + CODE + " ontbreekt"));
        }
        if (amount == null) {
            errors.add(new FieldError("line 1", "de kolom " + AMOUNT + " (in euro's) ontbreekt"));
        }
        if (year == null && sheetYear == null) {
            errors.add(new FieldError("line 1", "de kolom " + YEAR + " ontbreekt (of noem het jaar in de naam van het"
                    + " werkblad, zoals 'Besteding 2026')"));
        }
        if (!errors.isEmpty()) {
            throw refused(errors);
        }
        List<AllocationRow> out = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            if (row.stream().allMatch(c -> c == null || c.getType() == CellType.EMPTY)) {
                continue;
            }
            if (out.size() == MunicipalityService.MAX_IMPORT_ROWS) {
                // one more than allowed is enough for the service to refuse the file; read no further
                out.add(new AllocationRow(row.getRowNum(), null, null, null));
                break;
            }
            int line = row.getRowNum();
            String c = text(row, code).orElse("");
            String y = year == null ? sheetYear : text(row, year).orElse("");
            String cents = cents(row, amount, line, errors);
            out.add(new AllocationRow(line, c, y, cents));
        }
        if (!errors.isEmpty()) {
            throw refused(errors);
        }
        return out;
    }

    /** A cell as text: a string as it is, a whole number without its decimals (a year typed as a number). */
    private static Optional<String> text(Row row, int column) {
        Optional<Cell> cell = row.getOptionalCell(column);
        if (cell.isEmpty() || cell.get().getType() == CellType.EMPTY) {
            return Optional.empty();
        }
        Cell c = cell.get();
        if (c.getType() == CellType.NUMBER) {
            BigDecimal n = c.asNumber().stripTrailingZeros();
            return Optional.of(n.scale() <= 0 ? n.toPlainString() : c.getRawValue());
        }
        return Optional.ofNullable(c.getText()).map(String::strip);
    }

    /** The amount in euros as a whole number of cents (text), or null after naming what is wrong with it. */
    private static String cents(Row row, int column, int line, List<FieldError> errors) {
        String field = "line " + line + ".amountCents";
        Optional<Cell> cell = row.getOptionalCell(column);
        if (cell.isEmpty() || cell.get().getType() == CellType.EMPTY) {
            errors.add(new FieldError(field, "vul bij " + AMOUNT + " een bedrag in euro's in"));
            return null;
        }
        if (cell.get().getType() != CellType.NUMBER) {
            errors.add(new FieldError(field, AMOUNT + " moet een getal zijn (een bedrag in euro's), niet '"
                    + cell.get().getText() + "'"));
            return null;
        }
        BigDecimal euros = cell.get().asNumber();
        BigDecimal cents = euros.movePointRight(2).stripTrailingZeros();
        if (cents.scale() > 0) {
            errors.add(new FieldError(field, "het bedrag " + euros.toPlainString()
                    + " heeft een deel van een cent: hooguit twee cijfers achter de komma"));
            return null;
        }
        return cents.toPlainString();
    }

    private static RuleViolationException refused(List<FieldError> errors) {
        return new RuleViolationException("niets ingelezen: " + errors.size()
                + (errors.size() == 1 ? " probleem" : " problemen") + " in de werkmap", errors);
    }
}
