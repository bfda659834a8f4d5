package nl.spuk.application.port;

import java.util.Set;
import nl.spuk.domain.Actor;
import nl.spuk.domain.SearchText;
import nl.spuk.domain.TaskType;

/**
 * A page of the open tasks one actor may see, oldest first unless asked otherwise.
 *
 * @param types only tasks of these types; empty for all
 * @param search only tasks whose application title, municipality name or code contain this term
 *     ({@link SearchText}), or null
 * @param newestFirst the newest first instead of the oldest
 * @param nextToken where the previous page ended, or null for the first page
 */
public record TaskQuery(Actor actor, Set<TaskType> types, String search, boolean newestFirst, int limit,
                        String nextToken) {

    public TaskQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        search = search == null || SearchText.of(search).isEmpty() ? null : SearchText.of(search);
    }

    /** Every open task the actor may see, oldest first, from the page the token names. */
    public static TaskQuery all(Actor actor, int limit, String nextToken) {
        return new TaskQuery(actor, Set.of(), null, false, limit, nextToken);
    }
}
