package io.pledge.platform.audit;

import io.pledge.platform.paging.PageCursor;
import io.pledge.platform.problem.QueryInstants;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The service's audit log, newest first (every service answers it for its own database). */
@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who decrypted contact data, changed settings or was refused, when and from where")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    private final EntityManager em;

    public AuditResource(EntityManager em) {
        this.em = em;
    }

    public record Entry(UUID id, Instant at, String actor, String roles, String action, String target,
                        String detail, String address) {
    }

    public record Page(List<Entry> items, String nextCursor) {
    }

    @GET
    @Operation(summary = "Read the audit log", description = "Newest first; from inclusive, to exclusive; "
            + "follow nextCursor for the next page.")
    public Page list(@QueryParam("from") String from, @QueryParam("to") String to,
                     @QueryParam("actor") @Size(max = 256) String actor,
                     @QueryParam("action") @Size(max = 128) String action,
                     @QueryParam("cursor") @Size(max = 200) String cursor,
                     @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        Instant fromAt = QueryInstants.parse("from", from);
        Instant toAt = QueryInstants.parse("to", to);
        PageCursor after = cursor == null ? null : PageCursor.parse(cursor);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, at, actor, roles, action, target, detail, address from audit_entry
                        where (cast(?1 as timestamptz) is null or at >= ?1)
                          and (cast(?2 as timestamptz) is null or at < ?2)
                          and (cast(?3 as text) is null or actor = ?3)
                          and (cast(?4 as text) is null or action = ?4)
                          and (cast(?5 as timestamptz) is null or (at, id) < (?5, cast(?6 as uuid)))
                        order by at desc, id desc
                        limit ?7""")
                .setParameter(1, fromAt)
                .setParameter(2, toAt)
                .setParameter(3, actor)
                .setParameter(4, action)
                .setParameter(5, after == null ? null : after.at())
                .setParameter(6, after == null ? null : after.id())
                .setParameter(7, limit + 1)
                .getResultList();
        List<Entry> entries = new ArrayList<>();
        for (Object[] row : rows.subList(0, Math.min(limit, rows.size()))) {
            entries.add(new Entry((UUID) row[0], instant(row[1]), (String) row[2], (String) row[3], (String) row[4],
                    (String) row[5], (String) row[6], (String) row[7]));
        }
        String next = rows.size() > limit
                ? new PageCursor(entries.get(limit - 1).at(), entries.get(limit - 1).id()).encode() : null;
        return new Page(entries, next);
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
