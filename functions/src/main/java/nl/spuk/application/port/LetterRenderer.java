package nl.spuk.application.port;

import nl.spuk.domain.AwardLetter;
import nl.spuk.domain.SettlementLetter;

/** Renders the letters the product sends as PDF documents. */
public interface LetterRenderer {

    /** The award letter (beschikking), as PDF bytes. */
    byte[] awardLetter(AwardLetter letter);

    /**
     * The settlement letter (eindafrekening): per year the award, the reported and the eligible spending, the totals,
     * the amount reclaimed and how it is to be paid; as PDF bytes.
     */
    byte[] settlementLetter(SettlementLetter letter);
}
