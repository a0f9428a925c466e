import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";
import { environment } from "./environment";

type Message = { key: string; value: string };

/**
 * The console's translations, loaded the way the stock console loads them: from Keycloak's message
 * endpoint for the admin theme, which merges this theme's messages/messages_*.properties with those
 * of keycloak.v2. The stock pages and the Role hierarchy pages share this one instance.
 */
export const i18n = createInstance({
  fallbackLng: "en",
  keySeparator: ".",
  nsSeparator: false,
  interpolation: { escapeValue: false },
  defaultNS: [environment.realm],
  ns: [environment.realm],
  backend: {
    loadPath: `${environment.adminBaseUrl.replace(/\/+$/, "")}/resources/{{ns}}/admin/{{lng}}`,
    parse: (data: string) =>
      Object.fromEntries((JSON.parse(data) as Message[]).map(({ key, value }) => [key, value])),
  },
});

i18n.use(FetchBackend);
i18n.use(initReactI18next);
