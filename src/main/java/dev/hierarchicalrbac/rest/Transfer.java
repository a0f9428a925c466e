package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.transfer.ConfigExporter;
import dev.hierarchicalrbac.transfer.ConfigImporter;
import dev.hierarchicalrbac.transfer.ConfigJson;
import dev.hierarchicalrbac.transfer.StrictJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;

import java.util.Map;

/** {@code GET /export} and {@code POST /import}: owners only. */
final class Transfer {

    static final String EVENT_TYPE = "RBAC_CONFIGURATION";

    private Transfer() {
    }

    static Response export(RequestContext ctx, String as) {
        ctx.require(Hierarchy.canExportOrImport(ctx.caller()));
        var document = ConfigExporter.export(ctx.session(), ctx.realm());
        if (as == null || as.isBlank()) {
            // Written by our own mapper so that the bytes are stable across exports.
            return Response.ok(ConfigJson.write(document), MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (!as.equals("realm-attribute")) {
            throw RbacException.invalid("as", "as must be 'realm-attribute' or left out.");
        }
        return Response.ok(Map.of(ConfigJson.REALM_ATTRIBUTE, ConfigJson.writeCompact(document))).build();
    }

    static Response importDocument(RequestContext ctx, String dryRun, String prune, String contentType, String body) {
        // Owners only, decided before a possibly large body is even parsed.
        ctx.require(Hierarchy.canExportOrImport(ctx.caller()));
        boolean isDryRun = flag("dryRun", dryRun);
        boolean isPrune = flag("prune", prune);
        var document = StrictJson.document(contentType, body);
        ConfigImporter.Result result = ConfigImporter.run(ctx.session(), ctx.realm(), document, isDryRun, isPrune);
        if (!isDryRun && !result.changes().isEmpty()) {
            ctx.event(EVENT_TYPE, OperationType.ACTION, "import", result);
        }
        return Response.ok(result).build();
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw RbacException.invalid(name, name + " must be true or false.");
        };
    }
}
