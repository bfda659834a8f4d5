package nl.spuk.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FourEyesTest {
    private static final Actor PROPOSER = new Actor("u-1", "P. Roposer", Role.MINISTRY, null);
    private static final Actor SECOND = new Actor("u-2", "S. Econd", Role.MINISTRY, null);

    @Test
    void anotherUserThanTheProposerMayActOnTheProposal() {
        assertThatCode(() -> FourEyes.require(PROPOSER.id(), SECOND, "decision")).doesNotThrowAnyException();
    }

    @Test
    void theProposerMayNotAndIsToldWhyNamingTheProposal() {
        assertThatThrownBy(() -> FourEyes.require(PROPOSER.id(), PROPOSER, "settlement"))
                .isInstanceOf(FourEyes.Violation.class)
                .hasMessage("four eyes: the settlement must be approved or returned by another ministry user than its proposer");
    }

    @Test
    void theSameUserIdIsTheSameUserWhateverNameTheTokenCarries() {
        Actor renamed = new Actor(PROPOSER.id(), "Someone Else", Role.MINISTRY, null);
        assertThatThrownBy(() -> FourEyes.require(PROPOSER.id(), renamed, "decision")).isInstanceOf(FourEyes.Violation.class);
    }
}
