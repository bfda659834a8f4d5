package nl.spuk.application.fakes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.spuk.application.port.LetterRenderer;
import nl.spuk.domain.AwardLetter;
import nl.spuk.domain.SettlementLetter;

/** A {@link LetterRenderer} whose "PDF" names what it was given, and which keeps every letter it rendered. */
public final class FakeLetterRenderer implements LetterRenderer {
    private final List<AwardLetter> awardLetters = new ArrayList<>();
    private final List<SettlementLetter> settlementLetters = new ArrayList<>();

    @Override
    public synchronized byte[] awardLetter(AwardLetter letter) {
        awardLetters.add(letter);
        return ("%PDF-fake award letter " + letter.reference() + " " + letter.municipality().name() + " "
                + letter.awardedCents()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized byte[] settlementLetter(SettlementLetter letter) {
        settlementLetters.add(letter);
        return ("%PDF-fake settlement letter " + letter.reference() + " " + letter.municipality().name()
                + " reclaim " + letter.reclaimCents()).getBytes(StandardCharsets.UTF_8);
    }

    public synchronized List<AwardLetter> awardLetters() {
        return List.copyOf(awardLetters);
    }

    public synchronized List<SettlementLetter> settlementLetters() {
        return List.copyOf(settlementLetters);
    }
}
