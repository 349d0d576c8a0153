package io.pledge.notify.alert;

import io.pledge.notify.recipient.Language;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes alerts as short messages in the recipient's language (resource bundles
 * {@code alerts/messages*.properties}: English, Simplified Chinese), naming the ticket, the promise,
 * its due instant in the recipient's time zone, and a link to the ticket in the CRM. Pure.
 */
public final class MessageRenderer {

    /** A message: the mail's subject (a chat message's first line) and its text. */
    public record Message(String subject, String text) {

        /** The whole message as one chat post. */
        public String chat() {
            return subject + "\n" + text;
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String BUNDLE = "alerts.messages";

    private final String linkTemplate;

    /** @param linkTemplate the CRM's address of a ticket, {@code {ticketId}} standing for its id */
    public MessageRenderer(String linkTemplate) {
        this.linkTemplate = linkTemplate;
    }

    public Message render(AlertFacts facts, Language language, ZoneId zone) {
        ResourceBundle bundle = bundle(language);
        Map<String, String> values = values(facts, bundle, zone);
        String text = fill(bundle.getString(facts.type() + ".text"), values);
        if (facts.ticketId() != null) {
            text = text + "\n" + fill(bundle.getString("link"), values);
        }
        return new Message(fill(bundle.getString(facts.type() + ".subject"), values), text);
    }

    /** One summary of several alerts: a line each (its subject and the ticket's link). */
    public Message digest(List<AlertFacts> alerts, Language language, ZoneId zone) {
        ResourceBundle bundle = bundle(language);
        StringBuilder text = new StringBuilder(bundle.getString("digest.text"));
        for (AlertFacts facts : alerts) {
            Map<String, String> values = values(facts, bundle, zone);
            text.append("\n- ").append(fill(bundle.getString(facts.type() + ".subject"), values));
            if (facts.ticketId() != null) {
                text.append("\n  ").append(values.get("link"));
            }
        }
        return new Message(fill(bundle.getString("digest.subject"), Map.of("count", Integer.toString(alerts.size()))),
                text.toString());
    }

    /** The ticket's address in the CRM. */
    public String link(String ticketId) {
        return linkTemplate.replace("{ticketId}", URLEncoder.encode(ticketId, StandardCharsets.UTF_8));
    }

    private static ResourceBundle bundle(Language language) {
        return ResourceBundle.getBundle(BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private Map<String, String> values(AlertFacts f, ResourceBundle bundle, ZoneId zone) {
        Map<String, String> v = new HashMap<>();
        v.put("ticket", f.ticketId());
        v.put("link", f.ticketId() == null ? null : link(f.ticketId()));
        v.put("metric", word(bundle, "metric.", f.metric()));
        v.put("priority", word(bundle, "priority.", f.priority()));
        v.put("percent", f.thresholdPercent() == null ? null : f.thresholdPercent().toString());
        v.put("due", time(bundle, f.dueAt(), zone));
        v.put("stopped", time(bundle, f.stoppedAt(), zone));
        v.put("level", f.level() == null ? null : f.level().toString());
        v.put("reason", word(bundle, "reason.", f.reason()));
        v.put("contactBy", time(bundle, f.contactBy(), zone));
        v.put("satisfaction", word(bundle, "satisfaction.",
                Boolean.TRUE.equals(f.unsatisfied()) ? "UNSATISFIED" : f.csatClass()));
        v.put("csat", f.csat() == null ? null : f.csat() + "/5");
        v.put("subscription", f.subscriptionId());
        v.put("host", f.host());
        v.put("failingSince", time(bundle, f.failingSince(), zone));
        v.put("disabledAt", time(bundle, f.disabledAt(), zone));
        v.put("lastError", f.lastError());
        return v;
    }

    /** The bundle's word for a code (a metric, a priority...), or the code itself (a custom milestone). */
    private static String word(ResourceBundle bundle, String prefix, String code) {
        if (code == null) {
            return null;
        }
        try {
            return bundle.getString(prefix + code);
        } catch (MissingResourceException e) {
            return code;
        }
    }

    private static String time(ResourceBundle bundle, Instant at, ZoneId zone) {
        if (at == null) {
            return null;
        }
        return fill(bundle.getString("time"), Map.of("time", TIME.format(at.atZone(zone)), "zone", zone.getId()));
    }

    /** The text with each {name} replaced; a value the facts lack shows as a dash. */
    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "-" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
