package org.agentplatform.modelgateway.boundary;

import java.util.List;
import org.agentplatform.modelgateway.control.AliasSpec;

/** An alias, its current version and targets; {@code history} lists earlier versions, newest first. */
public record AliasView(String name, int version, String strategy, List<AliasSpec.Target> targets, String updatedAt, String updatedBy,
        List<Version> history) {

    /** One version of the alias. */
    public record Version(int version, String strategy, List<AliasSpec.Target> targets, String createdAt, String createdBy) {}
}
