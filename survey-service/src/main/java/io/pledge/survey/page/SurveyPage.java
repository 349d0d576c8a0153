package io.pledge.survey.page;

import io.pledge.platform.page.CustomerPage;
import io.pledge.platform.page.PageLanguage;
import io.pledge.platform.problem.ProblemException;
import io.pledge.survey.answer.AnswerRequest;
import io.pledge.survey.answer.Answers;
import io.pledge.survey.invitation.SurveySettings;
import io.pledge.survey.template.TemplateDefinition;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The customer's survey page (blueprint §6): the link in the invitation opens it. No login, like
 * the JSON API it posts to ({@code survey.js}); without JavaScript the form posts here and takes
 * the same {@link Answers#answer} path, so the API's rules hold either way.
 */
@Path("/s/{token}")
@Tag(name = "Survey page", description = "The customer's HTML pages (no login)")
@PermitAll
@Produces("text/html")
public class SurveyPage {

    /** Form field names of the dimension scores: {@code dimension.SERVICE_ATTITUDE}, … */
    static final String DIMENSION = "dimension.";

    /** A question the survey asks is unanswered (Answers' 422). */
    private static final int UNPROCESSABLE = 422;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String lang, SurveyMessages msg, String brand, String token,
                                            List<Question> questions, boolean comment, String commentValue,
                                            String problem, Map<String, String> problems);

        static native TemplateInstance notice(String lang, SurveyMessages msg, String brand, String title,
                                              String text);
    }

    /** One scored question: its form field, words and choices ({@code stars} for CSAT). */
    public record Question(String field, String legend, String hint, boolean stars, List<Choice> choices) {
    }

    public record Choice(String id, int value, String label, boolean checked) {
    }

    @Inject
    Answers answers;

    @Inject
    SurveySettings settings;

    @Inject
    Validator validator;

    @GET
    @Operation(summary = "The survey as a form; ?csat=1..5 pre-selects that CSAT score (and records nothing)")
    public Response form(@PathParam("token") String token, @QueryParam("csat") String csat,
                         @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        // templates name no language: the browser's choice decides
        PageLanguage language = PageLanguage.choose(null, acceptLanguage);
        SurveyMessages msg = messages(language);
        Answers.QuestionsView view;
        try {
            view = answers.questions(token);
        } catch (ProblemException problem) {
            return unavailable(problem, language, msg);
        }
        Map<String, Integer> chosen = new LinkedHashMap<>();
        Integer preselected = score(csat);
        if (preselected != null && preselected >= 1 && preselected <= 5) {
            chosen.put("csat", preselected);
        }
        return form(Response.Status.OK, token, view.questions(), chosen, null, null, language, msg);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "The answer from the form without JavaScript: 303 to the thank-you page, or the form again")
    public Response answer(@PathParam("token") String token, MultivaluedMap<String, String> form,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        PageLanguage language = PageLanguage.choose(null, acceptLanguage);
        SurveyMessages msg = messages(language);
        Answers.QuestionsView view;
        try {
            view = answers.questions(token);
        } catch (ProblemException problem) {
            return unavailable(problem, language, msg);
        }
        Map<String, Integer> chosen = new LinkedHashMap<>();
        Map<String, Integer> dimensions = new LinkedHashMap<>();
        boolean unreadable = false;
        for (Map.Entry<String, List<String>> field : form.entrySet()) {
            String value = field.getValue().isEmpty() ? null : field.getValue().get(0);
            if (field.getKey().equals("comment") || value == null || value.isBlank()) {
                continue;
            }
            Integer score = score(value);
            if (score == null) {
                unreadable = true;
                continue;
            }
            chosen.put(field.getKey(), score);
            if (field.getKey().startsWith(DIMENSION)) {
                dimensions.put(field.getKey().substring(DIMENSION.length()), score);
            }
        }
        String comment = form.getFirst("comment");
        if (comment != null && comment.isBlank()) {
            comment = null;
        }
        AnswerRequest request = new AnswerRequest(chosen.get("csat"), chosen.get("nps"), chosen.get("ces"),
                dimensions, comment);
        if (unreadable || !validator.validate(request).isEmpty()) {
            return form(Response.Status.BAD_REQUEST, token, view.questions(), chosen, comment,
                    msg.problem_outOfRange(), language, msg);
        }
        try {
            answers.answer(token, request);
        } catch (ProblemException problem) {
            if (problem.status().getStatusCode() == UNPROCESSABLE) {
                return form(problem.status(), token, view.questions(), chosen, comment, msg.problem_incomplete(),
                        language, msg);
            }
            return unavailable(problem, language, msg);
        }
        return Response.seeOther(URI.create("/s/" + token + "/thanks")).build();
    }

    @GET
    @Path("/thanks")
    @Operation(summary = "The thank-you page after answering")
    public Response thanks(@PathParam("token") String token,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        PageLanguage language = PageLanguage.choose(null, acceptLanguage);
        SurveyMessages msg = messages(language);
        return notice(Response.Status.OK, msg.thanksTitle(), msg.thanksText(settings.brandName()), language, msg);
    }

    @POST
    @Path("/opt-out")
    @Operation(summary = "The customer wants no more surveys (the page's button); a confirmation page")
    public Response optOut(@PathParam("token") String token,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        PageLanguage language = PageLanguage.choose(null, acceptLanguage);
        SurveyMessages msg = messages(language);
        try {
            answers.optOut(token);
        } catch (ProblemException problem) {
            return unavailable(problem, language, msg);
        }
        return notice(Response.Status.OK, msg.optedOutTitle(), msg.optedOutText(settings.brandName()), language, msg);
    }

    private Response form(Response.StatusType status, String token, TemplateDefinition.Questions questions,
                          Map<String, Integer> chosen, String comment, String problem, PageLanguage language,
                          SurveyMessages msg) {
        String brand = settings.brandName();
        List<Question> scored = new ArrayList<>();
        if (questions.csat()) {
            IntFunction<String> words = v -> switch (v) {
                case 1 -> msg.csat1();
                case 2 -> msg.csat2();
                case 3 -> msg.csat3();
                case 4 -> msg.csat4();
                default -> msg.csat5();
            };
            // highest first: the stars are laid out right to left so that CSS can light a star and those below it
            scored.add(question("csat", msg.csatLegend(), null, true, 5, 1, chosen, words));
        }
        if (questions.nps()) {
            scored.add(question("nps", msg.npsLegend(brand), msg.npsHint(), false, 0, 10, chosen, String::valueOf));
        }
        if (questions.ces()) {
            scored.add(question("ces", msg.cesLegend(), msg.cesHint(), false, 1, 7, chosen, String::valueOf));
        }
        for (TemplateDefinition.Dimension dimension : questions.dimensions()) {
            scored.add(question(DIMENSION + dimension.name(), dimensionLabel(dimension.name(), msg),
                    msg.dimensionHint(), false, 1, 5, chosen, String::valueOf));
        }
        Map<String, String> problems = Map.of("400", msg.problem_outOfRange(), "409", msg.problem_answered(),
                "410", msg.problem_expired(), "422", msg.problem_incomplete(), "failed", msg.problem_failed());
        String html = Templates.form(language.tag, msg, brand, token, scored, questions.comment(),
                comment == null ? "" : comment, problem, problems).render();
        return CustomerPage.of(status, html, language, CustomerPage.Forms.POSTED_HERE);
    }

    private static Question question(String field, String legend, String hint, boolean stars, int from, int to,
                                     Map<String, Integer> chosen, IntFunction<String> label) {
        int step = from <= to ? 1 : -1;
        IntStream values = IntStream.iterate(from, v -> v != to + step, v -> v + step);
        Integer checked = chosen.get(field);
        List<Choice> choices = values.mapToObj(v -> new Choice(field.replace('.', '-') + "-" + v, v, label.apply(v),
                checked != null && checked == v)).toList();
        return new Question(field, legend, hint, stars, choices);
    }

    /** The known dimensions in the page's words; a template's own dimension by its name, readably. */
    static String dimensionLabel(String name, SurveyMessages msg) {
        return switch (name) {
            case "SERVICE_ATTITUDE" -> msg.dimension_SERVICE_ATTITUDE();
            case "RESPONSE_SPEED" -> msg.dimension_RESPONSE_SPEED();
            case "RESOLUTION_EFFECTIVENESS" -> msg.dimension_RESOLUTION_EFFECTIVENESS();
            case "PROFESSIONALISM" -> msg.dimension_PROFESSIONALISM();
            case "COMMUNICATION_CLARITY" -> msg.dimension_COMMUNICATION_CLARITY();
            default -> {
                String words = name.replace('_', ' ').toLowerCase(Locale.ROOT);
                yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
            }
        };
    }

    /** Unknown (404), answered (409) or expired (410): a kind page with that status. */
    private Response unavailable(ProblemException problem, PageLanguage language, SurveyMessages msg) {
        return switch (problem.status().getStatusCode()) {
            case 409 -> notice(Response.Status.CONFLICT, msg.answeredTitle(), msg.answeredText(), language, msg);
            case 410 -> notice(Response.Status.GONE, msg.expiredTitle(), msg.expiredText(), language, msg);
            case 404 -> notice(Response.Status.NOT_FOUND, msg.unknownTitle(), msg.unknownText(), language, msg);
            default -> throw problem;
        };
    }

    private Response notice(Response.Status status, String title, String text, PageLanguage language,
                            SurveyMessages msg) {
        String html = Templates.notice(language.tag, msg, settings.brandName(), title, text).render();
        return CustomerPage.of(status, html, language, CustomerPage.Forms.NONE);
    }

    private static Integer score(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    static SurveyMessages messages(PageLanguage language) {
        return language == PageLanguage.EN ? MessageBundles.get(SurveyMessages.class)
                : MessageBundles.get(SurveyMessages.class, Localized.Literal.of(language.tag));
    }
}
