import { i18n, parseProperties } from "../i18n";
import moderation from "./moderation_en.properties?raw";

/**
 * Adds the moderation messages (moderation_en.properties) to the English bundle that ships inside the
 * script, once i18next has made its store. A key a realm's own messages define wins, as for every
 * other key of the section.
 */
function addModerationMessages() {
  const fallback = i18n.options.fallbackNS;
  const namespaces = typeof fallback === "string" ? [fallback] : Array.isArray(fallback) ? fallback : [];
  for (const ns of namespaces) {
    i18n.addResourceBundle("en", ns, parseProperties(moderation), true, false);
  }
}

if (i18n.isInitialized) addModerationMessages();
else i18n.on("initialized", addModerationMessages);
