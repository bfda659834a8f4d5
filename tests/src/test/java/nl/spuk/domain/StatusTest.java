package nl.spuk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTest {
    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    private final Municipality groningen = new Municipality(new MunicipalityCode("GM0014"), "Groningen");
    private final Actor official = new Actor("u1", "Official", Role.MUNICIPALITY, groningen.code());

    @Test
    void withdrawalIsPossibleUpToAdvised() {
        assertThat(Status.values()).filteredOn(Status::isWithdrawable).containsExactlyInAnyOrder(
                Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.ADVISED);
    }

    @Test
    void onlyDraftsAndPlansBackForChangesAreEditable() {
        assertThat(Status.values()).filteredOn(Status::isEditable)
                .containsExactlyInAnyOrder(Status.DRAFT, Status.CHANGES_REQUESTED);
    }

    @Test
    void finalStatusesGoNowhere() {
        assertThat(Status.values()).filteredOn(Status::isFinal)
                .containsExactlyInAnyOrder(Status.REJECTED, Status.SETTLED, Status.WITHDRAWN);
    }

    @Test
    void movingRaisesTheVersionAndRefusesIllegalMoves() {
        Application draft = Application.draft("a1", groningen, new Plan("t", List.of(2025), List.of(), null), official, NOW);
        Application inReview = draft.moveTo(Status.IN_REVIEW, NOW.plusSeconds(60));
        assertThat(inReview.version()).isEqualTo(2);
        assertThat(inReview.submittedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThatThrownBy(() -> draft.moveTo(Status.AWARDED, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void visibility() {
        Application draft = Application.draft("a1", groningen, new Plan("t", List.of(2025), List.of(), null), official, NOW);
        Actor other = new Actor("u2", "Other", Role.MUNICIPALITY, new MunicipalityCode("GM0034"));
        Actor advisor = new Actor("adv", "Advisor", Role.ADVISOR, null);
        Actor ministry = new Actor("min", "Ministry", Role.MINISTRY, null);
        assertThat(draft.isVisibleTo(official)).isTrue();
        assertThat(draft.isVisibleTo(other)).isFalse();
        assertThat(draft.isVisibleTo(advisor)).isFalse();
        assertThat(draft.isVisibleTo(ministry)).isFalse();
        for (Actor outsider : List.of(advisor, ministry)) {
            assertThat(draft.moveTo(Status.WITHDRAWN, NOW).isVisibleTo(outsider)).isFalse();
            assertThat(draft.moveTo(Status.IN_REVIEW, NOW).isVisibleTo(outsider)).isTrue();
            assertThat(draft.moveTo(Status.IN_REVIEW, NOW).moveTo(Status.WITHDRAWN, NOW).isVisibleTo(outsider)).isTrue();
        }
        assertThat(draft.moveTo(Status.WITHDRAWN, NOW).isVisibleTo(official)).isTrue();
    }
}
