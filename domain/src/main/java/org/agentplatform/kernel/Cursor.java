package org.agentplatform.kernel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque keyset cursor: the sort key (creation time, id) of the last row a page returned. Keyset
 * pagination keeps pages stable while rows are inserted and costs one index range scan per page.
 */
public record Cursor(Instant createdAt, UUID id) {

    public String encode() {
        String raw = createdAt.toEpochMilli() + ":" + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws PlatformException E9005 when the text is not a cursor this class made */
    public static Cursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":", 3);
            Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]));
            at = at.plusNanos(Integer.parseInt(parts[1]) - at.getNano());
            Cursor cursor = new Cursor(at, UUID.fromString(parts[2]));
            // The parsers above are lenient (short UUID groups, any nanos): accept only what encode() makes.
            if (cursor.encode().equals(text)) {
                return cursor;
            }
        } catch (RuntimeException e) {
            // refused below
        }
        throw new PlatformException(ErrorCode.BAD_QUERY, "The cursor is not valid: pass nextCursor from a previous page.");
    }
}
