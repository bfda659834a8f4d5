package nl.spuk.application.notifications;

import java.util.Objects;
import nl.spuk.domain.Notification;

/**
 * Where notification mail goes and links to.
 *
 * @param webUrl the web UI's address without a trailing slash ({@code SPUK_WEB_URL}); a mail links to
 *     {@code webUrl + "/aanvragen/" + id}, the UI's page of an application
 * @param advisoryTeamEmail the advisory team's address ({@code SPUK_ADVISORY_TEAM_EMAIL})
 * @param ministryEmail the ministry team's address ({@code SPUK_MINISTRY_EMAIL})
 */
public record MailSetup(String webUrl, String advisoryTeamEmail, String ministryEmail) {
    /** The web UI's route of one application (web/src/views/ApplicationPage.tsx). */
    public static final String APPLICATION_ROUTE = "/aanvragen/";

    public MailSetup {
        Objects.requireNonNull(webUrl, "webUrl");
        webUrl = webUrl.endsWith("/") ? webUrl.substring(0, webUrl.length() - 1) : webUrl;
    }

    /** The link to the application in the web UI. */
    public String linkTo(String applicationId) {
        return webUrl + APPLICATION_ROUTE + applicationId;
    }

    /**
     * Where the notification's mail goes: the application's contact for its municipality, the team's address for a
     * team; null when there is none (then only the app shows it).
     */
    public String addressOf(Notification n) {
        String address = switch (n.recipient()) {
            case MUNICIPALITY -> n.contactEmail();
            case ADVISORY_TEAM -> advisoryTeamEmail;
            case MINISTRY -> ministryEmail;
        };
        return address == null || address.isBlank() ? null : address.strip();
    }
}
