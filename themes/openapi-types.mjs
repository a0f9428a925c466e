// Writes src/generated/openapi.ts: one TypeScript type per components/schemas entry of
// ../docs/openapi.yaml, so the console's API shapes come from the contract and tsc fails when the
// two disagree. Run by "npm run build" and "npm run typecheck" before tsc; the output is git-ignored.
// Only what the contract uses is translated (object, array, enum, scalars, nullable, $ref, allOf);
// anything else stops the build instead of becoming a silent "unknown".
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const here = fileURLToPath(new URL(".", import.meta.url));
const specPath = join(here, "..", "docs", "openapi.yaml");
const outPath = join(here, "src", "generated", "openapi.ts");

let spec;
try {
  spec = parse(readFileSync(specPath, "utf8"));
} catch (error) {
  fail("", error.message);
}
const schemas = spec?.components?.schemas;
if (!schemas) fail("#/components/schemas", "no schemas");

function fail(where, message) {
  console.error(`[rbac-theme] docs/openapi.yaml ${where}${where ? ": " : ""}${message}`);
  process.exit(1);
}

const comment = (text, indent = "") =>
  text ? `${indent}/** ${String(text).trim().replace(/\s+/g, " ").replaceAll("*/", "*\\/")} */\n` : "";
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const group = (ts) => (/[|&]/.test(ts) ? `(${ts})` : ts);

function toTs(schema, where, indent) {
  let ts;
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/components\/schemas\//, "");
    if (!(name in schemas)) fail(where, `$ref ${schema.$ref} names no schema`);
    ts = name;
  } else if (schema.allOf) {
    // Parts that only constrain (such as "not") add no shape.
    const parts = schema.allOf
      .map((part, i) => ({ part, where: `${where}/allOf/${i}` }))
      .filter(({ part }) => part.$ref || part.type || part.properties || part.allOf || part.enum)
      .map(({ part, where: w }) => toTs(part, w, indent));
    if (parts.length === 0) fail(where, "allOf without a typed part");
    ts = parts.map(group).join(" & ");
  } else if (schema.enum) {
    ts = schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  } else {
    switch (schema.type) {
      case "string":
        ts = "string";
        break;
      case "integer":
      case "number":
        ts = "number";
        break;
      case "boolean":
        ts = "boolean";
        break;
      case "array":
        if (!schema.items) fail(where, "array without items");
        ts = `${group(toTs(schema.items, `${where}/items`, indent))}[]`;
        break;
      case "object":
        ts = objectTs(schema, where, indent);
        break;
      default:
        fail(where, `unsupported schema ${JSON.stringify(Object.keys(schema))}`);
    }
  }
  return schema.nullable ? `${group(ts)} | null` : ts;
}

function objectTs(schema, where, indent) {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  for (const name of required) if (!(name in properties)) fail(where, `required "${name}" is not a property`);
  const inner = `${indent}  `;
  const lines = Object.entries(properties).map(
    ([name, property]) =>
      comment(property.description, inner) +
      `${inner}${key(name)}${required.has(name) ? "" : "?"}: ${toTs(property, `${where}/properties/${name}`, inner)};\n`,
  );
  const extra = schema.additionalProperties;
  if (extra && typeof extra === "object") {
    lines.push(`${inner}[key: string]: ${toTs(extra, `${where}/additionalProperties`, inner)};\n`);
  } else if (lines.length === 0) {
    return "Record<string, unknown>";
  }
  return `{\n${lines.join("")}${indent}}`;
}

let out =
  "// Generated from docs/openapi.yaml by themes/openapi-types.mjs during the build. Do not edit:\n" +
  "// change the contract, and tsc shows every place in the console that no longer fits.\n";
for (const [name, schema] of Object.entries(schemas)) {
  out += `\n${comment(schema.description)}export type ${name} = ${toTs(schema, `#/components/schemas/${name}`, "")};\n`;
}

// Written only when it changed, so an unchanged contract does not make the sources look newer.
if (!existsSync(outPath) || readFileSync(outPath, "utf8") !== out) {
  mkdirSync(join(here, "src", "generated"), { recursive: true });
  writeFileSync(outPath, out);
  console.log("[rbac-theme] wrote src/generated/openapi.ts from docs/openapi.yaml");
}
