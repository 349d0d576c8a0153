package io.pledge.survey.invitation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Every {@code survey.scan-every}, sends, reminds and expires what fell due (by the injectable clock). */
@ApplicationScoped
public class InvitationScan {

    @Inject
    Invitations invitations;

    @Inject
    SurveySettings settings;

    @Scheduled(every = "${survey.scan-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        while (invitations.runDue() == settings.scanBatch()) {
            // a full batch: more may be due
        }
    }
}
