package io.pledge.kpi.catalogue;

import io.pledge.platform.audit.AuditLog;
import io.pledge.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each KPI's target: the catalogue's default unless an operator set one ({@code kpi_target}). */
@ApplicationScoped
public class KpiTargets {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    /** A KPI's target as the API shows it. */
    public record Target(String kpi, String description, String unit, String better, Double target,
                         double atRiskWithin, boolean isDefault, int version) {
    }

    public List<Target> all() {
        Map<String, Object[]> set = stored();
        return KpiCatalogue.all().stream().map(k -> target(k, set.get(k.name()))).toList();
    }

    public Target of(Kpi kpi) {
        Object[] row = stored().get(kpi.name());
        return target(kpi, row);
    }

    /**
     * Sets a KPI's target (null: none); 412 when {@code ifMatch} is given and stale. The statement
     * itself checks the version (an update of that version, or an insert where none is stored), so
     * two admins sending the same If-Match at once get one 200 and one 412, never two 200s.
     */
    @Transactional
    public Target set(String name, Double target, double atRiskWithin, Integer ifMatch) {
        Kpi kpi = KpiCatalogue.find(name).orElseThrow(() -> ProblemException.notFound("no KPI '" + name + "'"));
        String statement;
        if (ifMatch == null) {
            statement = """
                    insert into kpi_target (kpi, target, at_risk_within, updated_at, version) values (?1, ?2, ?3, ?4, 1)
                    on conflict (kpi) do update set target = excluded.target, at_risk_within = excluded.at_risk_within,
                        updated_at = excluded.updated_at, version = kpi_target.version + 1""";
        } else if (ifMatch == 0) {
            // the default's ETag: only if nobody has stored a target yet
            statement = """
                    insert into kpi_target (kpi, target, at_risk_within, updated_at, version) values (?1, ?2, ?3, ?4, 1)
                    on conflict (kpi) do nothing""";
        } else {
            statement = """
                    update kpi_target set target = ?2, at_risk_within = ?3, updated_at = ?4, version = version + 1
                    where kpi = ?1 and version = ?5""";
        }
        var query = em.createNativeQuery(statement)
                .setParameter(1, name).setParameter(2, target).setParameter(3, atRiskWithin)
                .setParameter(4, clock.instant());
        if (ifMatch != null && ifMatch != 0) {
            query.setParameter(5, ifMatch);
        }
        if (query.executeUpdate() == 0) {
            throw new ProblemException(Response.Status.PRECONDITION_FAILED,
                    "the target of '" + name + "' changed: its ETag is now \"" + of(kpi).version() + "\"");
        }
        Target changed = of(kpi);
        audit.record("target.changed", "kpi " + name, "target " + target + ", at risk within " + atRiskWithin
                + ", version " + changed.version());
        return changed;
    }

    private Map<String, Object[]> stored() {
        Map<String, Object[]> rows = new HashMap<>();
        for (Object row : em.createNativeQuery("select kpi, target, at_risk_within, version from kpi_target").getResultList()) {
            Object[] r = (Object[]) row;
            rows.put((String) r[0], r);
        }
        return rows;
    }

    private static Target target(Kpi kpi, Object[] row) {
        if (row == null) {
            return new Target(kpi.name(), kpi.description(), kpi.unit().label, kpi.better().name(), kpi.defaultTarget(),
                    kpi.atRiskWithin(), true, 0);
        }
        return new Target(kpi.name(), kpi.description(), kpi.unit().label, kpi.better().name(),
                row[1] == null ? null : ((Number) row[1]).doubleValue(), ((Number) row[2]).doubleValue(), false,
                ((Number) row[3]).intValue());
    }
}
