package io.pledge.kpi.catalogue;

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

    /** Sets a KPI's target (null: none); 412 when {@code ifMatch} is given and stale. */
    @Transactional
    public Target set(String name, Double target, double atRiskWithin, Integer ifMatch) {
        Kpi kpi = KpiCatalogue.find(name).orElseThrow(() -> ProblemException.notFound("no KPI '" + name + "'"));
        Target current = of(kpi);
        if (ifMatch != null && ifMatch != current.version()) {
            throw new ProblemException(Response.Status.PRECONDITION_FAILED,
                    "the target of '" + name + "' changed: its ETag is now \"" + current.version() + "\"");
        }
        em.createNativeQuery("""
                        insert into kpi_target (kpi, target, at_risk_within, updated_at, version) values (?1, ?2, ?3, ?4, 1)
                        on conflict (kpi) do update set target = excluded.target, at_risk_within = excluded.at_risk_within,
                            updated_at = excluded.updated_at, version = kpi_target.version + 1""")
                .setParameter(1, name).setParameter(2, target).setParameter(3, atRiskWithin)
                .setParameter(4, clock.instant()).executeUpdate();
        return of(kpi);
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
