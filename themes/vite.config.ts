import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig, Plugin } from "vite";

const outDir = "../target/theme-dist";

// Keycloak 26.7 turns the entry's "imports" of .vite/manifest.json into <link rel="modulepreload">
// using the manifest keys as they are ("_index-….js"), which are not file names. Rewrite them to the
// chunks' files so the preloads resolve (the scripts load either way; this only avoids 404s).
const manifestImportsAsFiles = (): Plugin => ({
  name: "rbac-manifest-imports-as-files",
  apply: "build",
  writeBundle() {
    const path = join(__dirname, outDir, ".vite", "manifest.json");
    const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, { file: string; imports?: string[] }>;
    for (const chunk of Object.values(manifest)) {
      chunk.imports = chunk.imports?.map((key) => manifest[key]?.file ?? key);
    }
    writeFileSync(path, JSON.stringify(manifest, null, 2));
  },
});

// The theme ships Font Awesome Free's webfonts (rbac.css); the SIL OFL 1.1 asks that each copy of the
// fonts travel with their copyright notice and licence, so the package's licence file goes next to them.
const fontAwesomeLicence = (): Plugin => ({
  name: "rbac-font-awesome-licence",
  apply: "build",
  generateBundle() {
    this.emitFile({
      type: "asset",
      fileName: "assets/fontawesome-free-LICENSE.txt",
      source: readFileSync(join(__dirname, "node_modules", "@fortawesome", "fontawesome-free", "LICENSE.txt"), "utf8"),
    });
  },
});

// Keycloak's admin-ui library (npm, 26.7.0) bundles its code editor's syntax highlighter eagerly in its
// entry chunk: refractor registers every Prism language (about 330) as soon as the console's script
// runs, on the page that redirects to the login and again on the page that comes back, and each
// registration walks every language registered before it (Prism's insertBefore), so the whole costs
// hundreds of milliseconds per page on this machine. The stock keycloak.v2 build loads the editor
// lazily. The console's pages highlight JSON, YAML and JavaScript, all in refractor's common set,
// which stays as it is; the other languages are registered the first time refractor is asked to
// highlight or whether a language is registered. A library whose chunk no longer has that block fails
// the build, so an upgrade re-checks this.
const lateRefractorLanguages = (): Plugin => ({
  name: "rbac-late-refractor-languages",
  apply: "build",
  transform(code, id) {
    if (!/@keycloak\/keycloak-admin-ui\/lib\/index-[^/]+\.js$/.test(id)) return null;
    const runs = [...code.matchAll(/(?:^([\w$]+)\.register\([\w$]+\);\n)(?:^\1\.register\([\w$]+\);\n){99,}/gm)];
    if (runs.length !== 1) {
      this.error(`expected one block of refractor language registrations in ${id}, found ${runs.length}`);
    }
    const [block] = runs;
    const refractor = block[1];
    const deferred =
      `{\nlet registerLate = () => {\nregisterLate = () => {};\n${block[0]}};\n` +
      `for (const name of ["highlight", "registered", "listLanguages"]) {\n` +
      `  const original = ${refractor}[name];\n` +
      `  ${refractor}[name] = function (...args) { registerLate(); return original.apply(this, args); };\n}\n}\n`;
    return {
      code: code.slice(0, block.index) + deferred + code.slice(block.index + block[0].length),
      map: null,
    };
  },
});

// Builds the console as Keycloak expects an admin theme's scripts: ES modules with a Vite manifest
// (.vite/manifest.json), which Keycloak reads to find the entry script and its styles. React is not
// bundled: the parent theme's index.ftl maps "react", "react-dom" and "react/jsx-runtime" to the
// copies Keycloak serves from its common resources, exactly as for the stock console.
export default defineConfig({
  base: "",
  plugins: [lateRefractorLanguages(), manifestImportsAsFiles(), fontAwesomeLicence()],
  esbuild: { jsx: "automatic" },
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: "src/main.tsx",
      external: ["react", "react/jsx-runtime", "react-dom", "react-dom/client"],
      output: { paths: { "react-dom/client": "react-dom" } },
    },
  },
});
