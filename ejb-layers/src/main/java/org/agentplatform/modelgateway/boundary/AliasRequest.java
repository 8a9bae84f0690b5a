package org.agentplatform.modelgateway.boundary;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/** Points an alias at targets: {@code {"strategy":"priority","targets":[{"model":"a"},{"model":"b"}]}}. */
public record AliasRequest(
        @Pattern(regexp = "priority|weighted|cheapest|latency", message = "strategy is one of priority, weighted, cheapest, latency.") String strategy,
        @NotEmpty(message = "targets is required: at least one model.") List<@Valid Target> targets) {

    /** A model of the alias; {@code weight} (default 1) counts for the weighted strategy. */
    public record Target(@NotBlank(message = "each target needs a model.") String model,
            @Min(value = 0, message = "weight is not negative.") Integer weight) {}
}
