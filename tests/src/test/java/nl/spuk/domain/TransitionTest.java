package nl.spuk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransitionTest {

    private static Set<Status> allowedFrom(Transition t) {
        return Arrays.stream(Status.values()).filter(t::allows).collect(Collectors.toCollection(() -> EnumSet.noneOf(Status.class)));
    }

    @Test
    void eachStepIsAllowedFromTheStatusesOfTheScheme() {
        assertThat(allowedFrom(Transition.EDIT)).containsExactlyInAnyOrder(Status.DRAFT, Status.CHANGES_REQUESTED);
        assertThat(allowedFrom(Transition.SUBMIT)).containsExactlyInAnyOrder(Status.DRAFT, Status.CHANGES_REQUESTED);
        assertThat(allowedFrom(Transition.WITHDRAW)).containsExactlyInAnyOrder(
                Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.ADVISED);
        assertThat(allowedFrom(Transition.ADVISE)).containsExactly(Status.IN_REVIEW);
        assertThat(allowedFrom(Transition.LOG_HOURS)).containsExactly(Status.IN_REVIEW);
        assertThat(allowedFrom(Transition.PROPOSE_DECISION)).containsExactly(Status.ADVISED);
        assertThat(allowedFrom(Transition.DECIDE_ON_PROPOSAL)).containsExactly(Status.DECISION_PROPOSED);
        assertThat(allowedFrom(Transition.REPORT)).containsExactlyInAnyOrder(Status.AWARDED, Status.REPORTING);
        assertThat(allowedFrom(Transition.ADD_DOCUMENT)).doesNotContain(Status.WITHDRAWN, Status.REJECTED, Status.SETTLED);
    }

    @ParameterizedTest
    @EnumSource(Transition.class)
    void aRefusalNamesTheStatusItMet(Transition t) {
        Status refused = Arrays.stream(Status.values()).filter(s -> !t.allows(s)).findFirst().orElseThrow();
        assertThatThrownBy(() -> t.require(refused)).isInstanceOf(Transition.NotAllowed.class)
                .hasMessage(t.refused(refused).getMessage());
        Status allowed = Arrays.stream(Status.values()).filter(t::allows).findFirst().orElseThrow();
        assertThatCode(() -> t.require(allowed)).doesNotThrowAnyException();
    }

    @Test
    void theMessagesAreTheOnesTheUiTranslates() {
        assertThat(Transition.SUBMIT.refused(Status.ADVISED)).hasMessage("an application in status ADVISED cannot be submitted");
        assertThat(Transition.PROPOSE_DECISION.refused(Status.IN_REVIEW))
                .hasMessage("a decision can be proposed once the application is advised, not in IN_REVIEW");
    }
}
