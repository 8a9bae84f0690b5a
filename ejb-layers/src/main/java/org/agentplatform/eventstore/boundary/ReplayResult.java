package org.agentplatform.eventstore.boundary;

/** What a replay of parked events did: delivered and removed, or failed again and kept. */
public record ReplayResult(int replayed, int failed) {}
