package io.pledge.kpi.catalogue;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The KPI tables and series as CSV ({@code Accept: text/csv}), for spreadsheets and scripts: RFC 4180,
 * a header row, UTF-8, offered as a download. The same records as the JSON, so both always agree;
 * an empty cell is a null (no value, no target).
 */
@Provider
@Produces(KpiCsv.MEDIA_TYPE)
public class KpiCsv implements MessageBodyWriter<Object> {

    public static final String MEDIA_TYPE = "text/csv;charset=UTF-8";

    private static final CsvMapper MAPPER = new CsvMapper();

    /** A CSV file: its name when downloaded, its columns and its rows (cells in column order). */
    record Table(String fileName, List<String> columns, List<List<Object>> rows) {
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == KpiResource.KpiSeries.class || type == KpiResource.Current.class
                || type == KpiResource.Scorecard.class || type == KpiResource.Scorecards.class
                || type == KpiResource.RootCauses.class || type == KpiResource.Dimensions.class
                || List.class.isAssignableFrom(type) && genericType instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] == KpiResource.KpiDefinition.class;
    }

    @Override
    public void writeTo(Object entity, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        Table table = table(entity);
        headers.putSingle("Content-Disposition", "attachment; filename=\"" + table.fileName() + "\"");
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        table.columns().forEach(schema::addColumn);
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (SequenceWriter rows = MAPPER.writer(schema.build()).writeValues(text)) {
            for (List<Object> row : table.rows()) {
                rows.write(row.stream().map(cell -> Objects.toString(cell, "")).toArray(String[]::new));
            }
        }
    }

    static Table table(Object entity) {
        if (entity instanceof KpiResource.KpiSeries series) {
            return new Table(file("kpi", series.metric(), series.dimension(), series.bucket().name().toLowerCase()),
                    List.of("bucketStart", "value", "samples", "target", "status"),
                    series.points().stream().map(p -> cells(p.bucketStart(), p.value(), p.samples(), p.target(),
                            p.status())).toList());
        }
        if (entity instanceof KpiResource.Current current) {
            return lines(file("kpis-current", current.dimension(), current.bucket().name().toLowerCase()),
                    current.dimension(), current.kpis(), false);
        }
        if (entity instanceof KpiResource.Scorecard scorecard) {
            return lines(file("scorecard", scorecard.dimension(), scorecard.month()), scorecard.dimension(),
                    scorecard.kpis(), false);
        }
        if (entity instanceof KpiResource.Scorecards scorecards) {
            List<List<Object>> rows = new ArrayList<>();
            scorecards.scorecards().forEach(s -> rows.addAll(lines("", s.dimension(), s.kpis(), true).rows()));
            return new Table(file("scorecards", scorecards.by(), scorecards.month()), LINE_COLUMNS_WITH_DIMENSION, rows);
        }
        if (entity instanceof KpiResource.RootCauses causes) {
            return new Table(file("root-causes", causes.dimension()), List.of("rootCause", "complaints", "share"),
                    causes.rootCauses().stream().map(c -> cells(c.rootCause(), c.complaints(), c.share())).toList());
        }
        if (entity instanceof KpiResource.Dimensions dimensions) {
            List<List<Object>> rows = new ArrayList<>();
            if (dimensions.all()) {
                rows.add(cells("all", "all"));
            }
            Map<String, List<String>> byName = new LinkedHashMap<>();
            byName.put("team", dimensions.team());
            byName.put("department", dimensions.department());
            byName.put("agent", dimensions.agent());
            byName.put("channel", dimensions.channel());
            byName.forEach((name, values) -> values.forEach(value -> rows.add(cells(name, value))));
            return new Table("kpi-dimensions.csv", List.of("dimension", "value"), rows);
        }
        if (entity instanceof List<?> definitions) {
            return new Table("kpi-definitions.csv", List.of("id", "name", "numerator", "denominator", "bucket", "unit",
                    "better", "target", "atRiskWithin"), definitions.stream().map(KpiResource.KpiDefinition.class::cast)
                    .map(d -> cells(d.id(), d.name(), d.numerator(), d.denominator(), d.bucket(), d.unit(), d.better(),
                            d.target(), d.atRiskWithin())).toList());
        }
        throw new IllegalArgumentException("no CSV form for " + entity.getClass());
    }

    private static final List<String> LINE_COLUMNS = List.of("metric", "description", "unit", "value", "samples",
            "target", "status");

    private static final List<String> LINE_COLUMNS_WITH_DIMENSION =
            Stream.concat(Stream.of("dimension"), LINE_COLUMNS.stream()).toList();

    private static Table lines(String fileName, String dimension, List<KpiResource.ScorecardLine> lines,
                               boolean withDimension) {
        return new Table(fileName, withDimension ? LINE_COLUMNS_WITH_DIMENSION : LINE_COLUMNS, lines.stream()
                .map(l -> {
                    List<Object> cells = cells(l.metric(), l.description(), l.unit(), l.value(), l.samples(),
                            l.target(), l.status());
                    if (withDimension) {
                        cells.add(0, dimension);
                    }
                    return cells;
                }).toList());
    }

    private static List<Object> cells(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    /** A download name from its parts, with only characters every file system and browser take. */
    private static String file(String... parts) {
        return String.join("_", parts).replaceAll("[^A-Za-z0-9._-]", "-") + ".csv";
    }
}
