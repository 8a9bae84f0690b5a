package org.agentplatform.runtime.entity;

/** The agent lifecycle of V2, kept as the contract: lower-case on the wire. */
public enum AgentStatus {
    CREATED, ACTIVE, IDLE, BUSY, SUSPENDED, TERMINATED, ERROR;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
