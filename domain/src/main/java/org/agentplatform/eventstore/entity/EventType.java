package org.agentplatform.eventstore.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The registry of event types. Each type belongs to one stream type and has a JSON Schema per
 * version ({@code eventstore/schemas/<Type>.v<n>.json}); events are written at any known version
 * and read at the current one (older payloads are upcast).
 */
public enum EventType {
    AGENT_CREATED("AgentCreated", StreamType.AGENT, 1),
    AGENT_RENAMED("AgentRenamed", StreamType.AGENT, 1),
    AGENT_STATUS_CHANGED("AgentStatusChanged", StreamType.AGENT, 1),
    CONFIGURATION_SET("ConfigurationSet", StreamType.CONFIGURATION, 2);

    private final String wireName;
    private final String streamType;
    private final int currentVersion;

    EventType(String wireName, String streamType, int currentVersion) {
        this.wireName = wireName;
        this.streamType = streamType;
        this.currentVersion = currentVersion;
    }

    public String wireName() {
        return wireName;
    }

    public String streamType() {
        return streamType;
    }

    public int currentVersion() {
        return currentVersion;
    }

    public String schemaResource(int version) {
        return "eventstore/schemas/" + wireName + ".v" + version + ".json";
    }

    public static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** The stream types that exist (aggregate types). */
    public static final class StreamType {
        public static final String AGENT = "agent";
        public static final String CONFIGURATION = "configuration";

        private StreamType() {}
    }
}
