import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";
import { environment } from "./environment";
import english from "../resources/theme/rbac/admin/messages/messages_en.properties?raw";

type Message = { key: string; value: string };

/** Reads a Java properties file (the subset the theme's message bundles use). */
export function parseProperties(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const lines = text.replace(/\\\r?\n\s*/g, "").split(/\r?\n/);
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith("!")) continue;
    const match = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(trimmed);
    if (!match) continue;
    const unescape = (s: string) =>
      s.replace(/\\u([0-9a-fA-F]{4})|\\(.)/g, (_m, hex: string, ch: string) =>
        hex ? String.fromCharCode(parseInt(hex, 16)) : ch === "n" ? "\n" : ch === "t" ? "\t" : ch,
      );
    entries[unescape(match[1])] = unescape(match[2]);
  }
  return entries;
}

/** The namespace holding this theme's English messages, built into the script. */
const FALLBACK_NS = "rbac-builtin";

/**
 * The console's translations, loaded the way the stock console loads them: from Keycloak's message
 * endpoint, one namespace per realm, served by that realm's admin theme (this theme's
 * messages/messages_*.properties merged with keycloak.v2's). A realm whose admin theme is not this
 * one knows none of the Role hierarchy keys, so the English bundle also ships inside the script and
 * answers for any key a realm's namespace lacks.
 */
export const i18n = createInstance({
  fallbackLng: "en",
  keySeparator: ".",
  nsSeparator: false,
  interpolation: { escapeValue: false },
  defaultNS: [environment.realm],
  ns: [environment.realm],
  fallbackNS: FALLBACK_NS,
  partialBundledLanguages: true,
  resources: { en: { [FALLBACK_NS]: parseProperties(english) } },
  backend: {
    loadPath: `${environment.adminBaseUrl.replace(/\/+$/, "")}/resources/{{ns}}/admin/{{lng}}`,
    parse: (data: string) =>
      Object.fromEntries((JSON.parse(data) as Message[]).map(({ key, value }) => [key, value])),
  },
});

i18n.use(FetchBackend);
i18n.use(initReactI18next);
