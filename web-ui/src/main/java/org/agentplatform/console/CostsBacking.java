package org.agentplatform.console;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.agentplatform.modelgateway.boundary.ModelUsage;
import org.agentplatform.modelgateway.boundary.UsageFilter;
import org.agentplatform.modelgateway.boundary.UsageHour;

/**
 * console/costs.xhtml: spend and calls by hour and model over the last 24 hours or 7 days, filtered
 * by API key, caller, agent or goal, as a stacked bar chart (Chart.js through p:chart) and a table.
 */
@Named
@ViewScoped
public class CostsBacking implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ModelUsage usage;

    private String period = "24h";
    private String apiKeyId;
    private String caller;
    private String agentId;
    private String goalId;
    private List<Row> rows = List.of();
    private String chart = "{}";
    private String totalCost = "0";
    private long totalCalls;

    /** One hour of one model. */
    public record Row(String hour, String model, String provider, long calls, long failed, long cacheHits, long tokensIn, long tokensOut,
            String costUsd, long avgLatencyMs) implements Serializable {}

    /** f:viewAction and the filter's button. */
    public void load() {
        Instant to = Instant.now();
        Instant from = to.minus("7d".equals(period) ? Duration.ofDays(7) : Duration.ofHours(24)).truncatedTo(ChronoUnit.HOURS);
        try {
            List<UsageHour> hours = usage.hourly(new UsageFilter(from, to, null, null, blank(caller), blank(apiKeyId), blank(agentId),
                    blank(goalId), null));
            rows = hours.stream().map(h -> new Row(h.hour(), h.model() == null ? "(none answered)" : h.model(), h.provider(), h.calls(),
                    h.failed() + h.refused(), h.cacheHits(), h.tokensIn(), h.tokensOut(), h.costUsd().toPlainString(), h.avgLatencyMs()))
                    .toList();
            totalCost = hours.stream().map(UsageHour::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString();
            totalCalls = hours.stream().mapToLong(UsageHour::calls).sum();
            chart = chart(hours);
        } catch (RuntimeException e) {
            ModelsBacking.fail(e);
        }
    }

    /** A stacked bar chart: one dataset per model, cost per hour. */
    static String chart(List<UsageHour> hours) {
        TreeSet<String> labels = new TreeSet<>();
        Map<String, Map<String, BigDecimal>> byModel = new TreeMap<>();
        for (UsageHour h : hours) {
            labels.add(h.hour());
            byModel.computeIfAbsent(h.model() == null ? "(none)" : h.model(), k -> new TreeMap<>()).merge(h.hour(), h.costUsd(), BigDecimal::add);
        }
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        byModel.forEach((model, costs) -> {
            JsonArrayBuilder data = Json.createArrayBuilder();
            labels.forEach(l -> data.add(costs.getOrDefault(l, BigDecimal.ZERO)));
            datasets.add(Json.createObjectBuilder().add("label", model).add("data", data));
        });
        JsonArrayBuilder labelArray = Json.createArrayBuilder();
        new ArrayList<>(labels).forEach(l -> labelArray.add(l.substring(0, Math.min(16, l.length())).replace('T', ' ')));
        return Json.createObjectBuilder().add("type", "bar")
                .add("data", Json.createObjectBuilder().add("labels", labelArray).add("datasets", datasets))
                .add("options", Json.createObjectBuilder().add("scales", Json.createObjectBuilder()
                        .add("x", Json.createObjectBuilder().add("stacked", true))
                        .add("y", Json.createObjectBuilder().add("stacked", true)
                                .add("title", Json.createObjectBuilder().add("display", true).add("text", "US$")))))
                .build().toString();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public String getPeriod() { return period; }
    public void setPeriod(String period) { this.period = period; }
    public String getApiKeyId() { return apiKeyId; }
    public void setApiKeyId(String apiKeyId) { this.apiKeyId = apiKeyId; }
    public String getCaller() { return caller; }
    public void setCaller(String caller) { this.caller = caller; }
    public String getAgentId() { return agentId; }
    public void setAgentId(String agentId) { this.agentId = agentId; }
    public String getGoalId() { return goalId; }
    public void setGoalId(String goalId) { this.goalId = goalId; }
    public List<Row> getRows() { return rows; }
    public String getChart() { return chart; }
    public String getTotalCost() { return totalCost; }
    public long getTotalCalls() { return totalCalls; }
}
