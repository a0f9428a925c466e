import { defineConfig } from "vite";

// Builds the console as Keycloak expects an admin theme's scripts: ES modules with a Vite manifest
// (.vite/manifest.json), which Keycloak reads to find the entry script and its styles. React is not
// bundled: the parent theme's index.ftl maps "react", "react-dom" and "react/jsx-runtime" to the
// copies Keycloak serves from its common resources, exactly as for the stock console.
export default defineConfig({
  base: "",
  esbuild: { jsx: "automatic" },
  build: {
    outDir: "../target/theme-dist",
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
