package io.pledge.sla.policy;

import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SeededTargetsTest {

    @Test
    void aPhoneCallIsAnsweredWithin30SecondsWhateverItsPriority() {
        assertEquals(Duration.ofSeconds(30), SeededTargets.firstResponse(Channel.PHONE, Priority.LOW).duration());
        assertEquals(Duration.ofSeconds(30), SeededTargets.firstResponse(Channel.PHONE, Priority.URGENT).duration());
    }

    @Test
    void aChatIsAnsweredWithin30Minutes() {
        assertEquals(Duration.ofMinutes(30), SeededTargets.firstResponse(Channel.CHAT, Priority.URGENT).duration());
    }

    @Test
    void anUrgentIssueGetsAFirstResponseWithinAnHourOtherwise24Hours() {
        assertEquals(Duration.ofHours(1), SeededTargets.firstResponse(Channel.EMAIL, Priority.URGENT).duration());
        assertEquals(Duration.ofHours(24), SeededTargets.firstResponse(Channel.EMAIL, Priority.NORMAL).duration());
        assertEquals(Duration.ofHours(24), SeededTargets.firstResponse(Channel.WEB, Priority.HIGH).duration());
        assertEquals("24x7", SeededTargets.firstResponse(Channel.WEB, Priority.HIGH).calendarId());
    }
}
