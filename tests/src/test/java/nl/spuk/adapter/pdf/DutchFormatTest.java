package nl.spuk.adapter.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import nl.spuk.adapter.out.pdf.DutchFormat;
import org.junit.jupiter.api.Test;

class DutchFormatTest {

    @Test
    void moneyIsWrittenTheDutchWayWithAPlainSpace() {
        assertThat(DutchFormat.money(0)).isEqualTo("€ 0,00");
        assertThat(DutchFormat.money(1)).isEqualTo("€ 0,01");
        assertThat(DutchFormat.money(99)).isEqualTo("€ 0,99");
        assertThat(DutchFormat.money(100)).isEqualTo("€ 1,00");
        assertThat(DutchFormat.money(1_250_000)).isEqualTo("€ 12.500,00");
        assertThat(DutchFormat.money(123_456_789)).isEqualTo("€ 1.234.567,89");
    }

    @Test
    void negativeAmountsPutTheMinusBeforeTheEuroSign() {
        assertThat(DutchFormat.money(-500)).isEqualTo("-€ 5,00");
        assertThat(DutchFormat.money(-1)).isEqualTo("-€ 0,01");
        assertThat(DutchFormat.money(Long.MIN_VALUE)).isEqualTo("-€ 92.233.720.368.547.758,08");
    }

    @Test
    void datesUseDutchMonthNamesWithoutLeadingZero() {
        assertThat(DutchFormat.date(LocalDate.of(2025, 3, 15))).isEqualTo("15 maart 2025");
        assertThat(DutchFormat.date(LocalDate.of(2026, 11, 22))).isEqualTo("22 november 2026");
        assertThat(DutchFormat.date(LocalDate.of(2026, 7, 1))).isEqualTo("1 juli 2026");
    }
}
