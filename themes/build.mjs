// Builds the admin theme for Maven (exec-maven-plugin runs "node build.mjs" in generate-resources).
// Uses the machine's node and npm; downloads no toolchain. Two steps, each skipped when up to date:
//   1. npm ci, when node_modules was not installed from the current package-lock.json;
//   2. npm run build (types from ../docs/openapi.yaml, type check, Vite), when the output is older
//      than any source, the contract included.
// The output goes to ../target/theme-dist; Maven packs it as theme/rbac/admin/resources.
import { createHash } from "node:crypto";
import { execSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
// A failing step has already printed its errors; say which step and stop, without a Node stack trace.
const run = (command, hint = "") => {
  try {
    execSync(command, { cwd: here, stdio: "inherit" });
  } catch (error) {
    console.error(`[rbac-theme] "${command}" failed (exit ${error.status ?? "?"}).${hint}`);
    process.exit(error.status || 1);
  }
};

const lock = readFileSync(join(here, "package-lock.json"));
const stamp = join(here, "node_modules", ".rbac-lock-sha256");
const digest = createHash("sha256").update(lock).digest("hex");
if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== digest) {
  console.log("[rbac-theme] npm ci");
  run("npm ci --no-audit --no-fund");
  writeFileSync(stamp, digest);
} else {
  console.log("[rbac-theme] node_modules matches package-lock.json");
}

const newest = (path) => {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const manifest = join(here, "..", "target", "theme-dist", ".vite", "manifest.json");
const sources = [
  "src",
  "package.json",
  "package-lock.json",
  "vite.config.ts",
  "tsconfig.json",
  "openapi-types.mjs",
  join("..", "docs", "openapi.yaml"),
].map((p) => join(here, p));
if (process.env.RBAC_THEME_FORCE !== "true" && existsSync(manifest) && statSync(manifest).mtimeMs > Math.max(...sources.map(newest))) {
  console.log("[rbac-theme] target/theme-dist is up to date");
} else {
  console.log("[rbac-theme] npm run build");
  run(
    "npm run build",
    " The API types are generated from ../docs/openapi.yaml: a type error can mean the console and the contract disagree.",
  );
}
