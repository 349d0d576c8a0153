package io.pledge.survey.invitation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/** survey-service's own settings ({@code survey.*} in application.properties, every key documented there). */
@ConfigMapping(prefix = "survey")
public interface SurveySettings {

    /** How long after the resolution (or closure) the invitation goes out. */
    @WithDefault("PT1H")
    Duration invitationDelay();

    /** At most one invitation per customer within this window (no survey fatigue). */
    @WithDefault("P7D")
    Duration customerWindow();

    /** One reminder this long after the invitation, if unanswered. */
    @WithDefault("P3D")
    Duration reminderAfter();

    /** The invitation expires this long after it went out. */
    @WithDefault("P7D")
    Duration expiresAfter();

    /** Resolution codes that get no survey. */
    @WithDefault("SPAM,DUPLICATE")
    Set<String> noSurveyResolutionCodes();

    /** The name the customer's survey pages show (the company they dealt with). */
    @WithDefault("Pledge")
    String brandName();

    /** Where customers answer: the token is appended. */
    URI publicBaseUrl();

    /** How often the scan sends, reminds and expires what fell due. */
    @WithDefault("1s")
    String scanEvery();

    /** How many surveys one scan transaction takes at most. */
    @WithDefault("200")
    int scanBatch();
}
