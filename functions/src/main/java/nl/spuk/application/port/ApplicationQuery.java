package nl.spuk.application.port;

import nl.spuk.domain.Actor;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.SearchText;
import nl.spuk.domain.Status;

/**
 * A page of applications as one actor may see them, newest first.
 *
 * @param actor whose view; null for every application, drafts included ({@link #everything})
 * @param status only this status, or null
 * @param municipality only this municipality, or null (a municipality user is always scoped to their own)
 * @param year only applications that include this year, or null
 * @param nextToken where the previous page ended, or null for the first page
 * @param search only applications whose title, municipality name or code contain this term (case and accents
 *     ignored: {@link nl.spuk.domain.SearchText}), or null
 * @param oldestFirst the oldest first instead of the newest
 */
public record ApplicationQuery(Actor actor, Status status, MunicipalityCode municipality, Integer year,
                               int limit, String nextToken, String search, boolean oldestFirst) {

    public ApplicationQuery {
        search = search == null || SearchText.of(search).isEmpty() ? null : SearchText.of(search);
    }

    /** Newest first, without a search term. */
    public ApplicationQuery(Actor actor, Status status, MunicipalityCode municipality, Integer year, int limit,
                            String nextToken) {
        this(actor, status, municipality, year, limit, nextToken, null, false);
    }

    /** Every application, drafts included: for an operator's check of the figures, never for a user's request. */
    public static ApplicationQuery everything(int limit, String nextToken) {
        return new ApplicationQuery(null, null, null, null, limit, nextToken);
    }
}
