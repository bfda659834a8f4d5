package nl.spuk.application;

import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.Role;

/** The two questions every use case asks first: may this role do it, and may this actor see the application. */
public final class Access {
    private Access() {
    }

    public static void requireRole(Actor actor, Role... allowed) {
        for (Role r : allowed) {
            if (actor.is(r)) {
                return;
            }
        }
        throw new ForbiddenException("the role " + actor.role().groupName() + " may not do this");
    }

    /** The application if the actor may see it; otherwise "not found", so its existence is not revealed. */
    public static Application visible(Actor actor, Application app) {
        if (app == null || !app.isVisibleTo(actor)) {
            throw new NotFoundException("no such application");
        }
        return app;
    }
}
