package org.agentplatform.gateway.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rate limit of each endpoint class per principal (a user, or an agent with all its keys):
 * {@code read} (GET, HEAD, OPTIONS) and {@code write} (everything else). Defaults come from the
 * config ({@code gateway.rate-limit.read}, {@code gateway.rate-limit.write}, as
 * {@code requests/windowSeconds}); a user's own limits (set by an admin) travel in the token's
 * {@code rl} claim as {@code read=100/60,write=20/60} and replace the defaults.
 */
@ApplicationScoped
public class EndpointLimits {

    /** At most {@code requests} per {@code windowSeconds}. */
    public record Limit(int requests, int windowSeconds) {
        static Limit parse(String text) {
            String[] parts = text.strip().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("A rate limit is requests/windowSeconds, such as 600/60: " + text);
            }
            Limit limit = new Limit(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            if (limit.requests < 1 || limit.windowSeconds < 1 || limit.windowSeconds > 86_400) {
                throw new IllegalArgumentException("A rate limit needs requests >= 1 and 1 <= windowSeconds <= 86400: " + text);
            }
            return limit;
        }
    }

    @Inject
    @ConfigProperty(name = "gateway.rate-limit.read", defaultValue = "12000/60")
    String defaultRead;

    @Inject
    @ConfigProperty(name = "gateway.rate-limit.write", defaultValue = "3000/60")
    String defaultWrite;

    private Limit read;
    private Limit write;

    @PostConstruct
    void parseDefaults() {
        read = Limit.parse(defaultRead);
        write = Limit.parse(defaultWrite);
    }

    public static String endpointClass(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> "read";
            default -> "write";
        };
    }

    /** The limit of a class, from the principal's own limits when they name it, else the default. */
    public Limit limit(String endpointClass, String ownLimits) {
        if (ownLimits != null && !ownLimits.isBlank()) {
            String own = parse(ownLimits).get(endpointClass);
            if (own != null) {
                return Limit.parse(own);
            }
        }
        return "read".equals(endpointClass) ? read : write;
    }

    /** {@code read=100/60,write=20/60} as a map from class to limit text. */
    public static Map<String, String> parse(String limits) {
        Map<String, String> byClass = new TreeMap<>();
        for (String part : limits.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2) {
                byClass.put(kv[0].strip(), kv[1].strip());
            }
        }
        return byClass;
    }
}
