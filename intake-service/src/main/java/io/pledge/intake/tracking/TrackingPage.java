package io.pledge.intake.tracking;

import io.pledge.intake.IntakeConfig;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.intake.promise.Promises.Promise;
import io.pledge.intake.tracking.TicketProgress.Progress;
import io.pledge.platform.page.CustomerPage;
import io.pledge.platform.page.PageLanguage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The customer's tracking page (blueprint §6): the ticket's status in words, by when the next step is
 * promised, the last public update — nothing else. Instants are written in the configured zone and in
 * a {@code <time datetime>}, which tracking.js shows in the device's own zone.
 */
@Path("/t/{token}")
@Tag(name = "Tracking")
public class TrackingPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(String lang, TrackingMessages msg, String status,
                                            PromiseLine promise, UpdateLine update);

        static native TemplateInstance notFound(String lang, TrackingMessages msg);
    }

    /** The promised next step: its words, the instant (ISO, for the script) and the instant in the configured zone. */
    public record PromiseLine(String text, String instant, String local) {
    }

    /** The last public update: the instant (ISO and in the configured zone) and the message. */
    public record UpdateLine(String instant, String local, String message) {
    }

    @Inject
    TicketProgress progress;

    @Inject
    IntakeConfig config;

    @GET
    @PermitAll
    @Produces("text/html")
    @Operation(summary = "The customer's tracking page (HTML, no login; Chinese or English by Accept-Language)")
    public Response page(@PathParam("token") String token,
                         @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        // intake keeps no language of the customer: the browser's choice decides
        PageLanguage language = PageLanguage.choose(null, acceptLanguage);
        TrackingMessages msg = messages(language);
        return progress.of(token)
                .map(p -> CustomerPage.of(Response.Status.OK, render(p, language, msg), language, CustomerPage.Forms.NONE))
                .orElseGet(() -> CustomerPage.of(Response.Status.NOT_FOUND,
                        Templates.notFound(language.tag, msg).render(), language, CustomerPage.Forms.NONE));
    }

    private String render(Progress p, PageLanguage language, TrackingMessages msg) {
        DateTimeFormatter local = DateTimeFormatter.ofPattern(msg.dateTimePattern(), language.locale)
                .withZone(config.tracking().timeZone());
        Promise promise = p.promise();
        PromiseLine promiseLine = promise == null ? null
                : new PromiseLine(promiseText(promise.metric(), msg), promise.dueAt().toString(),
                        inZone(promise.dueAt(), local, language));
        UpdateLine update = p.lastPublicUpdate() == null ? null
                : new UpdateLine(p.lastPublicUpdate().at().toString(),
                        inZone(p.lastPublicUpdate().at(), local, language), p.lastPublicUpdate().message());
        return Templates.page(language.tag, msg, status(p.status(), msg), promiseLine, update).render();
    }

    private String inZone(Instant at, DateTimeFormatter local, PageLanguage language) {
        String zone = config.tracking().timeZone().getId();
        return local.format(at) + (language == PageLanguage.ZH_CN ? "（" + zone + "）" : " (" + zone + ")");
    }

    static TrackingMessages messages(PageLanguage language) {
        return language == PageLanguage.EN ? MessageBundles.get(TrackingMessages.class)
                : MessageBundles.get(TrackingMessages.class, Localized.Literal.of(language.tag));
    }

    static String status(TicketStatus status, TrackingMessages msg) {
        return switch (status) {
            case OPEN -> msg.status_open();
            case PENDING_CUSTOMER -> msg.status_pendingCustomer();
            case ON_HOLD -> msg.status_onHold();
            case RESOLVED -> msg.status_resolved();
            case CLOSED -> msg.status_closed();
        };
    }

    /** The SLA metrics (blueprint: FIRST_RESPONSE, NEXT_RESPONSE, PERIODIC_UPDATE, RESOLUTION) in the customer's words. */
    static String promiseText(String metric, TrackingMessages msg) {
        return switch (metric) {
            case "FIRST_RESPONSE", "NEXT_RESPONSE" -> msg.promise_reply();
            case "RESOLUTION" -> msg.promise_resolve();
            case "PERIODIC_UPDATE" -> msg.promise_update();
            default -> msg.promise_other(); // a policy's custom milestone
        };
    }
}
