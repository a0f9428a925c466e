import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";

/** The settings Keycloak writes into the page (index.ftl of the keycloak.v2 admin theme). */
function readEnvironment(): AdminEnvironment {
  const script = document.getElementById("environment");
  if (!script?.textContent) {
    throw new Error("The admin console page carries no environment; is the theme installed?");
  }
  return JSON.parse(script.textContent) as AdminEnvironment;
}

export const environment = readEnvironment();
