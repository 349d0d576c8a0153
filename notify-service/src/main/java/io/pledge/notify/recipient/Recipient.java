package io.pledge.notify.recipient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalTime;

/** A person of the staff directory, as stored (never shown over REST: {@link RecipientView}). */
@Entity
@Table(name = "recipient")
public class Recipient {

    /** The agent's or supervisor's id, as their tokens and ticket.agent carry it. */
    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(name = "chat_webhook")
    public String chatWebhook;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "leads_teams", nullable = false)
    public String[] leadsTeams;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "leads_departments", nullable = false)
    public String[] leadsDepartments;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "owns_levels", nullable = false)
    public Integer[] ownsLevels;

    /** en or zh-CN. */
    @Column(nullable = false)
    public String language;

    /** IANA zone id. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "quiet_start")
    public LocalTime quietStart;

    @Column(name = "quiet_end")
    public LocalTime quietEnd;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;
}
