package nl.spuk.adapter.dynamodb;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.spuk.domain.Activity;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Contact;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Plan;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.YearAmounts;

/** Domain objects for the DynamoDB adapter tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final Municipality GRONINGEN = new Municipality(new MunicipalityCode("GM0014"), "Groningen");
    static final Municipality ALMERE = new Municipality(new MunicipalityCode("GM0034"), "Almere");
    static final Actor GRONINGEN_USER = new Actor("u-gron", "Gerda Groningen", Role.MUNICIPALITY, GRONINGEN.code());
    static final Actor ALMERE_USER = new Actor("u-alm", "Arie Almere", Role.MUNICIPALITY, ALMERE.code());
    static final Actor ADVISOR = new Actor("u-adv", "Anna Advisor", Role.ADVISOR, null);
    static final Actor MINISTRY = new Actor("u-min", "Mark Ministry", Role.MINISTRY, null);

    private Fixtures() {
    }

    static Plan plan(List<Integer> years) {
        return new Plan("Respijt in de wijk", years, List.of(
                new Activity(AttentionPoint.VERLICHTEN, "Logeerhuis", "Weekendopvang voor naasten",
                        YearAmounts.of(Map.of(2025, 1_250_000L, 2026, 1_000_000L))),
                new Activity(AttentionPoint.VINDEN, "Wijkteams", "Herkennen van mantelzorgers",
                        YearAmounts.of(Map.of(2025, 300_050L)))),
                new Contact("Gerda", "gerda@groningen.example"));
    }

    static Application draft(String id, Municipality municipality, Instant createdAt) {
        Actor creator = municipality.equals(GRONINGEN) ? GRONINGEN_USER : ALMERE_USER;
        return Application.draft(id, municipality, plan(List.of(2025, 2026)), creator, createdAt);
    }

    static AuditEvent event(Actor actor, Instant at, String action, Status from, Status to) {
        return AuditEvent.of(actor, at, action, from, to, Map.of("note", action.toLowerCase()));
    }
}
