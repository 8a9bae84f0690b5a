package org.agentplatform.eventstore.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.agentplatform.eventstore.entity.EventType;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * Validates event payloads against their JSON Schema (draft 2020-12, networknt validator). Schemas
 * are read once from the classpath and kept; a refusal names each failing path.
 */
public final class EventSchemas {
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final ClassLoader loader;

    public EventSchemas(ClassLoader loader) {
        this.loader = loader;
    }

    /** @throws PlatformException E1005 for a version the type does not have, E1003 for an invalid payload */
    public void validate(EventType type, int schemaVersion, JsonNode payload) {
        if (schemaVersion < 1 || schemaVersion > type.currentVersion()) {
            throw new PlatformException(ErrorCode.EVENT_INVALID, type.wireName() + " has schema versions 1 to "
                    + type.currentVersion() + "; " + schemaVersion + " is not one of them.");
        }
        Set<ValidationMessage> errors = schema(type, schemaVersion).validate(payload);
        if (!errors.isEmpty()) {
            List<Map<String, String>> details = errors.stream()
                    .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()))
                    .map(m -> Map.of(
                            "path", m.getInstanceLocation().toString(),
                            "schemaPath", m.getSchemaLocation().toString(),
                            "message", m.getMessage()))
                    .toList();
            throw new PlatformException(ErrorCode.INVALID_EVENT_PAYLOAD,
                    "The " + type.wireName() + " v" + schemaVersion + " payload does not match its schema: "
                            + details.get(0).get("message"),
                    Map.of("eventType", type.wireName(), "schemaVersion", schemaVersion, "errors", details));
        }
    }

    private JsonSchema schema(EventType type, int version) {
        return schemas.computeIfAbsent(type.schemaResource(version), resource -> {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Schema " + resource + " is missing from the build");
                }
                return factory.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
