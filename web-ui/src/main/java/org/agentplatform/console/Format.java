package org.agentplatform.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;

/** {@code #{format.time(t)}} and friends: how the console shows times and lists. */
@Named("format")
@ApplicationScoped
public class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** An ISO-8601 instant as {@code 2026-11-26 00:41:27 UTC}; "—" for none, the text itself when it is not a time. */
    public String time(Object iso) {
        if (iso == null || iso.toString().isBlank()) {
            return "—";
        }
        try {
            Instant at = Instant.parse(iso.toString());
            return at.equals(Instant.EPOCH) ? "from the start" : TIME.format(at);
        } catch (DateTimeParseException e) {
            return iso.toString();
        }
    }

    public String list(Collection<?> items) {
        return items == null ? "" : String.join(", ", items.stream().map(String::valueOf).toList());
    }
}
