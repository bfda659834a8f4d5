package nl.spuk.application.port;

import java.util.Collection;
import java.util.Map;
import nl.spuk.domain.Figures;
import nl.spuk.domain.MunicipalityCode;

/**
 * The aggregated figures for national monitoring. The aggregates are written by {@link ApplicationRepository} in the
 * same transaction as every change of an application, by the change's {@link nl.spuk.domain.Monitoring#delta}; this
 * port reads them (at a cost that does not grow with the number of applications) and lets an operator repair them.
 */
public interface MonitoringFigures {

    /** Every municipality's figures for the year; municipalities without any are absent. */
    Map<MunicipalityCode, Figures> forYear(int year);

    /** One municipality's figures for the year ({@link Figures#ZERO} when it has none). */
    Figures forMunicipality(MunicipalityCode municipality, int year);

    /** How many reports on the year are overdue and not yet in (open chase tasks). */
    long overdueReports(int year);

    /** The advisory quarter hours used by each of the given municipalities; those without hours are absent. */
    Map<MunicipalityCode, Integer> usedQuarterHours(Collection<MunicipalityCode> municipalities);

    /** Overwrites one aggregate with recomputed figures (the repair of a consistency check). */
    void replace(MunicipalityCode municipality, int year, Figures figures);
}
