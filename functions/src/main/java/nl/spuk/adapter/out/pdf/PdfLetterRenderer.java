package nl.spuk.adapter.out.pdf;

import static nl.spuk.adapter.out.pdf.DutchFormat.date;
import static nl.spuk.adapter.out.pdf.DutchFormat.money;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import nl.spuk.adapter.out.pdf.LetterLayout.Column;
import nl.spuk.adapter.out.pdf.LetterLayout.Style;
import nl.spuk.application.port.LetterRenderer;
import nl.spuk.domain.AwardLetter;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.SettlementLetter;
import nl.spuk.domain.Signatory;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Renders the Dutch letters with Apache PDFBox: the award letter (beschikking) and the settlement letter
 * (eindafrekening). Text is set in Liberation Sans, which PDFBox ships, embedded as a subset so that user text in
 * any Latin script survives. The output depends only on the letter: the same letter gives the same bytes.
 * Stateless and thread-safe.
 */
public final class PdfLetterRenderer implements LetterRenderer {
    private static final String FONT_RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final byte[] FONT = readFont();
    private static final float LABEL_WIDTH = 72;
    /** Room between "namens deze," and the name, where a signature would go. */
    private static final float SIGNING_SPACE = 20;

    static final String AWARD_SUBJECT = "Beschikking specifieke uitkering \u2014 Mantelzorg in de sociale basis";
    static final String SETTLEMENT_SUBJECT = "Eindafrekening specifieke uitkering \u2014 Mantelzorg in de sociale basis";

    @Override
    public byte[] awardLetter(AwardLetter letter) {
        Objects.requireNonNull(letter.awardedCents(), "awardedCents");
        String reference = letter.reference().toString();
        LocalDate today = letter.decisionDate();
        try (PDDocument doc = new PDDocument(); TrueTypeFont font = letterFont()) {
            LetterLayout page = new LetterLayout(doc, PDType0Font.load(doc, font, true));
            heading(page, letter.municipality(), today, reference, AWARD_SUBJECT, letter.applicationTitle(),
                    letter.schemeName());

            page.paragraph("Geacht college,", Style.BODY);
            page.gap(6);
            page.paragraph("U heeft een specifieke uitkering aangevraagd op grond van de " + letter.schemeName()
                    + ". Met deze beschikking beslissen wij op uw aanvraag.", Style.BODY);

            page.heading("Besluit");
            page.paragraph("Wij hebben besloten de gemeente " + letter.municipality().name() + " een specifieke "
                    + "uitkering toe te kennen van in totaal " + money(letter.awardedCents().total())
                    + ", verdeeld over de jaren als volgt:", Style.BODY);
            page.gap(4);
            List<List<String>> rows = new ArrayList<>();
            letter.awardedCents().asMap().forEach((year, cents) -> rows.add(List.of(year.toString(), money(cents))));
            page.table(List.of(new Column("Jaar", 100, false), new Column("Toegekend bedrag", 160, true)), rows,
                    List.of("Totaal", money(letter.awardedCents().total())));

            page.heading("Betaling");
            page.paragraph("Wij betalen de uitkering als voorschot, per jaar in \u00e9\u00e9n keer, op de "
                    + "rekening van uw gemeente onder vermelding van kenmerk " + reference + ":", Style.BODY);
            page.gap(4);
            List<List<String>> payments = new ArrayList<>();
            letter.advancePayments().forEach((year, date) -> payments.add(List.of(year.toString(),
                    money(letter.awardedCents().asMap().get(year)), "uiterlijk " + date(date))));
            page.table(List.of(new Column("Jaar", 100, false), new Column("Voorschot", 160, true),
                    new Column("Betaling", 191, false)), payments, null);
            page.paragraph("Het voorschot is geen definitieve toekenning van het bedrag: na afloop van de looptijd "
                    + "volgt de eindafrekening, en wat niet aan subsidiabele activiteiten is besteed, vorderen wij "
                    + "terug.", Style.BODY);

            page.heading("Voorwaarden");
            page.paragraph(orElse(letter.conditions(),
                    "Aan deze beschikking zijn geen aanvullende voorwaarden verbonden."), Style.BODY);

            page.heading("Motivering");
            page.paragraph(orElse(letter.motivation(), "Uw aanvraag voldoet aan de voorwaarden van de regeling."),
                    Style.BODY);

            page.heading("Verantwoording");
            page.paragraph("U legt over de besteding van de uitkering verantwoording af volgens de SiSa-systematiek "
                    + "(single information, single audit): de verantwoordingsinformatie over een jaar neemt u op in de "
                    + "SiSa-bijlage bij uw jaarrekening, die uiterlijk 15 juli van het jaar daarna bij het CBS moet zijn "
                    + "ingediend. Daarnaast dient u over ieder jaar een inhoudelijk verslag in.", Style.BODY);
            Map<Integer, LocalDate> ahead = new TreeMap<>();
            letter.reportDeadlines().forEach((year, due) -> {
                if (!due.isBefore(today)) {
                    ahead.put(year, due);
                }
            });
            if (!ahead.isEmpty()) {
                page.gap(4);
                page.paragraph("Voor deze beschikking gelden de volgende uiterste data:", Style.BODY);
                page.gap(2);
                for (Map.Entry<Integer, LocalDate> due : ahead.entrySet()) {
                    page.bullet("over " + due.getKey() + ": uiterlijk " + date(due.getValue()));
                }
            }
            boolean anyPast = false;
            for (Map.Entry<Integer, LocalDate> due : letter.reportDeadlines().entrySet()) {
                if (due.getValue().isBefore(today)) {
                    page.gap(4);
                    page.paragraph("De termijn voor de verantwoording over " + due.getKey() + " is op "
                            + date(due.getValue()) + " verstreken; dien deze zo spoedig mogelijk in.", Style.BOLD);
                    anyPast = true;
                }
            }
            if (anyPast) {
                page.gap(2);
                page.paragraph("Zolang een verantwoording ontbreekt, sturen wij u herinneringen. De eindafrekening "
                        + "volgt pas als over ieder jaar de verantwoording is aanvaard.", Style.BODY);
            }

            objectionAndSignature(page, letter.signedBy());
            page.finish("Beschikking \u2014 kenmerk " + reference);
            return save(doc, "Beschikking " + reference, AWARD_SUBJECT, today, "beschikking:" + reference);
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the award letter", e);
        }
    }

    @Override
    public byte[] settlementLetter(SettlementLetter letter) {
        try (PDDocument doc = new PDDocument(); TrueTypeFont font = letterFont()) {
            LetterLayout page = new LetterLayout(doc, PDType0Font.load(doc, font, true));
            heading(page, letter.municipality(), letter.settlementDate(), letter.reference(), SETTLEMENT_SUBJECT,
                    letter.applicationTitle(), letter.schemeName());

            page.paragraph("Geacht college,", Style.BODY);
            page.gap(6);
            page.paragraph("U heeft over ieder jaar waarvoor wij u op grond van de hierboven genoemde regeling een "
                    + "specifieke uitkering toekenden verantwoording afgelegd, en wij hebben die verantwoording aanvaard. "
                    + "Met deze brief stellen wij de uitkering definitief vast.", Style.BODY);

            page.heading("Berekening");
            page.paragraph("Per jaar is de subsidiabele besteding gelijk aan de verantwoorde besteding, tot ten hoogste "
                    + "het bedrag dat voor dat jaar is toegekend.", Style.BODY);
            page.gap(4);
            List<List<String>> rows = new ArrayList<>();
            long reported = 0;
            for (SettlementLetter.Row row : letter.rows()) {
                rows.add(List.of(Integer.toString(row.year()), money(row.awardedCents()),
                        money(row.reportedSpentCents()), money(row.eligibleCents())));
                reported = Math.addExact(reported, row.reportedSpentCents());
            }
            page.table(List.of(new Column("Jaar", 75, false), new Column("Toegekend", 125, true),
                            new Column("Verantwoorde besteding", 126, true), new Column("Subsidiabel", 125, true)),
                    rows, List.of("Totaal", money(letter.totalAwardedCents()), money(reported),
                            money(letter.totalEligibleCents())));

            page.heading("Vaststelling");
            page.paragraph("Wij stellen de uitkering vast op " + money(letter.totalEligibleCents()) + ".", Style.BODY);
            page.gap(4);
            page.paragraph("Terug te betalen: " + money(letter.reclaimCents()), Style.BOLD);
            page.gap(4);
            if (letter.reclaimCents() > 0) {
                page.paragraph("Van het toegekende bedrag van " + money(letter.totalAwardedCents()) + " is "
                        + money(letter.reclaimCents()) + " niet aan subsidiabele activiteiten besteed. Dit bedrag "
                        + "vorderen wij terug. Wij verzoeken u het bedrag van " + money(letter.reclaimCents())
                        + " uiterlijk " + date(letter.paymentDueDate()) + " te betalen. De betaalgegevens ontvangt "
                        + "u in een afzonderlijke vordering van DUS-I.", Style.BODY);
            } else {
                page.paragraph("U heeft het volledige toegekende bedrag aan subsidiabele activiteiten besteed. Wij "
                        + "vorderen niets terug.", Style.BODY);
            }

            objectionAndSignature(page, letter.signedBy());
            page.finish("Eindafrekening \u2014 kenmerk " + letter.reference());
            return save(doc, "Eindafrekening " + letter.reference(), SETTLEMENT_SUBJECT,
                    letter.settlementDate(), "eindafrekening:" + letter.reference());
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the settlement letter", e);
        }
    }

    /** Letterhead, addressee and the reference block that every letter opens with. */
    private static void heading(LetterLayout page, Municipality municipality, LocalDate date, String reference,
                                String subject, String title, String scheme) throws IOException {
        page.paragraph("Ministerie van Volksgezondheid, Welzijn en Sport", Style.TITLE);
        page.paragraph("uitgevoerd door DUS-I", Style.SMALL);
        page.gap(4);
        page.rule();
        page.gap(6);
        page.paragraph("Aan het college van burgemeester en wethouders\nvan de gemeente " + municipality.name()
                + "\n(CBS-code " + municipality.code().value() + ")", Style.BODY);
        page.gap(12);
        page.labelled("Datum", date(date), LABEL_WIDTH);
        page.labelled("Kenmerk", reference, LABEL_WIDTH);
        page.labelled("Betreft", subject, LABEL_WIDTH);
        page.labelled("Aanvraag", title, LABEL_WIDTH);
        page.labelled("Regeling", scheme, LABEL_WIDTH);
        page.gap(12);
    }

    /**
     * How to object, then the closing, signed on the minister's behalf by the official who approved, with their role.
     * The two stay on one page, so a signature never stands on a page of its own.
     */
    private static void objectionAndSignature(LetterLayout page, Signatory signedBy) throws IOException {
        float body = Style.BODY.leading();
        page.keepTogether(Style.HEADING.leading() + 9 + 2 * body + 8 + 6 * body + SIGNING_SPACE);
        page.heading("Bezwaar");
        page.paragraph("Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag waarop dit besluit "
                + "is bekendgemaakt een bezwaarschrift indienen bij de Minister van Volksgezondheid, Welzijn en Sport.",
                Style.BODY);
        page.gap(8);
        page.paragraph("Hoogachtend,\n\nDe Minister van Volksgezondheid, Welzijn en Sport,\nnamens deze,", Style.BODY);
        page.gap(SIGNING_SPACE);
        page.paragraph(signedBy.name(), Style.BOLD);
        page.paragraph(signedBy.role(), Style.BODY);
    }

    private static byte[] save(PDDocument doc, String title, String subject, LocalDate date, String identity)
            throws IOException {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setAuthor("SPUK");
        info.setSubject(subject);
        info.setCreationDate(GregorianCalendar.from(date.atStartOfDay(SchemeRules.ZONE)));
        doc.getDocumentCatalog().setLanguage("nl-NL");
        // PDFBox derives the file identifier from this instead of the clock, which keeps the output reproducible
        doc.setDocumentId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        doc.save(bytes);
        return bytes.toByteArray();
    }

    /**
     * The letter's font with glyph substitution off. PDFBox would otherwise shape every line through the font's
     * substitution rules, compiling regular expressions for each line (most of a letter's rendering time), and a
     * ligature it chose would have no character of its own in the letter's text, which search and screen readers use.
     */
    private static TrueTypeFont letterFont() throws IOException {
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(FONT));
        font.setEnableGsub(false);
        return font;
    }

    private static String orElse(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }

    private static byte[] readFont() {
        try (InputStream in = PDDocument.class.getResourceAsStream(FONT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("PDFBox's font " + FONT_RESOURCE + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
