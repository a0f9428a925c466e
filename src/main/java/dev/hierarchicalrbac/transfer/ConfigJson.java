package dev.hierarchicalrbac.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one way documents are written (they are read by {@link StrictJson}), so that exports are byte-identical for the same
 * state (fixed property order, sorted map keys, two-space indentation, a final newline).
 */
public final class ConfigJson {

    /** The realm attribute a document rides in when a realm is created or imported with it. */
    public static final String REALM_ATTRIBUTE = "rbac.config";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ConfigJson() {
    }

    public static String write(ConfigDocument document) {
        try {
            return MAPPER.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the configuration document", e);
        }
    }

    /** The document as one compact string, the value of the realm attribute {@value #REALM_ATTRIBUTE}. */
    public static String writeCompact(ConfigDocument document) {
        try {
            return MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the configuration document", e);
        }
    }
}
