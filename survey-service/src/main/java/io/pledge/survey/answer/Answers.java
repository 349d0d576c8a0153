package io.pledge.survey.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pledge.contracts.survey.SurveyCompleted;
import io.pledge.platform.outbox.Outbox;
import io.pledge.platform.problem.ProblemException;
import io.pledge.survey.customer.SurveyCustomer;
import io.pledge.survey.customer.SurveyCustomers;
import io.pledge.survey.invitation.Invitations;
import io.pledge.survey.invitation.Survey;
import io.pledge.survey.invitation.SurveyState;
import io.pledge.survey.invitation.SurveyTokens;
import io.pledge.survey.template.TemplateDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Customers answering through their link: the questions, and the answer recorded once. */
@ApplicationScoped
public class Answers {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    Outbox outbox;

    @Inject
    Invitations invitations;

    @Inject
    SurveyCustomers customers;

    /** What the survey page shows. */
    public record QuestionsView(UUID surveyId, Instant expiresAt, TemplateDefinition.Questions questions) {
    }

    public QuestionsView questions(String token) {
        Survey survey = answerable(token, clock.instant());
        return new QuestionsView(survey.id, survey.expiresAt, questionsOf(survey));
    }

    /** Records the answer (once) and publishes survey.completed with its scores and classifications. */
    @Transactional
    public Scoring.Score answer(String token, AnswerRequest answer) {
        Instant now = clock.instant();
        Survey survey = answerable(token, now);
        TemplateDefinition.Questions questions = questionsOf(survey);
        Map<String, Integer> dimensions = answer.dimensions() == null ? Map.of() : answer.dimensions();
        List<String> problems = new ArrayList<>();
        require(problems, questions.csat(), answer.csat(), "csat");
        require(problems, questions.nps(), answer.nps(), "nps");
        require(problems, questions.ces(), answer.ces(), "ces");
        Set<String> asked = new HashSet<>();
        for (TemplateDefinition.Dimension dimension : questions.dimensions()) {
            asked.add(dimension.name());
            if (dimensions.get(dimension.name()) == null) {
                problems.add("dimensions." + dimension.name() + " is required");
            }
        }
        dimensions.keySet().stream().filter(name -> !asked.contains(name)).sorted()
                .forEach(name -> problems.add("dimensions." + name + " is not asked by this survey"));
        if (answer.comment() != null && !questions.comment()) {
            problems.add("comment is not asked by this survey");
        }
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable(String.join("; ", problems));
        }
        Scoring.Score score = Scoring.score(questions, answer.csat(), answer.nps(), answer.ces(), dimensions);
        survey.state = SurveyState.COMPLETED;
        survey.completedAt = now;
        survey.answers = write(Map.of("score", score, "comment", answer.comment() == null ? "" : answer.comment()));
        outbox.record(new SurveyCompleted(survey.id, invitations.facts(survey), survey.trigger.name(),
                survey.complaintId, score.csat(), score.nps(), score.ces(),
                score.dimensions().isEmpty() ? null : score.dimensions(), score.weightedScore(), score.csatClass(),
                score.npsClass(), score.cesClass(), score.unsatisfied(),
                answer.comment() != null && !answer.comment().isBlank(), survey.resolvedAt, survey.sentAt, now), now);
        return score;
    }

    /** What the customer's opt-out through a link answers. */
    public record OptedOut(boolean optedOut, Instant changedAt) {
    }

    /**
     * The customer wants no more surveys, said through the link of one of their invitations: any
     * link this service handed out counts, answered or expired too (an old e-mail's link still
     * unsubscribes); only an unknown one is a 404.
     */
    @Transactional
    public OptedOut optOut(String token) {
        Survey survey = byToken(token);
        SurveyCustomer customer = customers.setOptedOut(survey.customerId, true, clock.instant());
        return new OptedOut(customer.optedOut, customer.changedAt);
    }

    /** The survey behind a link that may still be answered: 404 unknown, 409 answered, 410 expired. */
    private Survey answerable(String token, Instant now) {
        Survey survey = byToken(token);
        if (survey.state == SurveyState.COMPLETED) {
            throw ProblemException.conflict("this survey was answered already, at " + survey.completedAt);
        }
        if (survey.state == SurveyState.EXPIRED || !survey.expiresAt.isAfter(now)) {
            throw new ProblemException(Response.Status.GONE, "this survey expired at " + survey.expiresAt);
        }
        return survey;
    }

    private Survey byToken(String token) {
        byte[] hash = SurveyTokens.hash(token);
        return em.createQuery("from Survey s where s.tokenHash = :hash or s.reminderHash = :hash", Survey.class)
                .setParameter("hash", hash).getResultStream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("no survey for this link"));
    }

    private static void require(List<String> problems, boolean asked, Integer value, String name) {
        if (asked && value == null) {
            problems.add(name + " is required");
        } else if (!asked && value != null) {
            problems.add(name + " is not asked by this survey");
        }
    }

    private TemplateDefinition.Questions questionsOf(Survey survey) {
        try {
            return json.readValue(survey.questions, TemplateDefinition.Questions.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
