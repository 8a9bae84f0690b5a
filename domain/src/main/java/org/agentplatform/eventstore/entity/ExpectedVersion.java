package org.agentplatform.eventstore.entity;

/**
 * What an append expects of its stream: any version, no stream yet, or exactly version n (the
 * version of the stream's last event; the first event has version 1).
 */
public record ExpectedVersion(Kind kind, long version) {
    public enum Kind { ANY, NO_STREAM, EXACT }

    public static final ExpectedVersion ANY = new ExpectedVersion(Kind.ANY, -1);
    public static final ExpectedVersion NO_STREAM = new ExpectedVersion(Kind.NO_STREAM, 0);

    public static ExpectedVersion exactly(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("an existing stream has version 1 or more; use NO_STREAM");
        }
        return new ExpectedVersion(Kind.EXACT, version);
    }

    /** @param current the stream's version, 0 when it does not exist */
    public boolean matches(long current) {
        return switch (kind) {
            case ANY -> true;
            case NO_STREAM -> current == 0;
            case EXACT -> current == version;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ANY -> "any";
            case NO_STREAM -> "no stream";
            case EXACT -> Long.toString(version);
        };
    }
}
