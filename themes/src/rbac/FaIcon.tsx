import { Button, SearchInput, TextInput } from "@patternfly/react-core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { FA_SOLID } from "./faGlyphs";

/*
 * Issue #15 item 8: role icons drawn with Font Awesome Free's solid font as Keycloak 26.7 already serves
 * it to every theme (common/keycloak/vendor/patternfly-v5/assets/fonts/webfonts/fa-solid-900.woff2),
 * so the theme ships no copy of the font. The names it can draw (915, from PatternFly's
 * iconUnicodes.json) are in faGlyphs.ts; Font Awesome 6 names that were renamed from version 5 are
 * mapped below. Style tokens (fa-solid, fa-fw, fa-lg, ...) are ignored; brand icons are not in the
 * solid font and show as "not drawn".
 */

/** Where Keycloak serves its common resources: the import map of index.ftl points React there. */
function commonResources(): string {
  try {
    const map = JSON.parse(document.querySelector('script[type="importmap"]')?.textContent ?? "{}");
    const react: string | undefined = map.imports?.react;
    const at = react?.indexOf("/vendor/");
    if (react && at !== undefined && at > 0) return react.slice(0, at);
  } catch {
    // fall through to the path derived from the theme's own resources
  }
  const script = document.getElementById("environment")?.textContent;
  const resourceUrl: string = script ? JSON.parse(script).resourceUrl ?? "" : "";
  return resourceUrl.replace(/\/admin\/[^/]+$/, "/common/keycloak");
}

let fontLoaded = false;
function loadFont() {
  if (fontLoaded) return;
  fontLoaded = true;
  const style = document.createElement("style");
  style.id = "rbac-fa-solid";
  style.textContent = `@font-face{font-family:"rbac-fa-solid";font-style:normal;font-weight:900;font-display:block;src:url("${commonResources()}/vendor/patternfly-v5/assets/fonts/webfonts/fa-solid-900.woff2") format("woff2")}`;
  document.head.appendChild(style);
}

/** Font Awesome 6 names for icons that Font Awesome 5 (the served font) knows by another name. */
const RENAMED: Record<string, string> = {
  "house": "home",
  "house-chimney": "home",
  "shield-halved": "shield-alt",
  "user-group": "user-friends",
  "handshake-angle": "hands-helping",
  "gear": "cog",
  "gears": "cogs",
  "magnifying-glass": "search",
  "pen-to-square": "edit",
  "pencil": "pencil-alt",
  "trash-can": "trash-alt",
  "xmark": "times",
  "circle-xmark": "times-circle",
  "circle-check": "check-circle",
  "square-check": "check-square",
  "circle-info": "info-circle",
  "circle-question": "question-circle",
  "circle-exclamation": "exclamation-circle",
  "triangle-exclamation": "exclamation-triangle",
  "circle-user": "user-circle",
  "user-gear": "user-cog",
  "user-pen": "user-edit",
  "user-large": "user-alt",
  "screwdriver-wrench": "tools",
  "rotate": "sync-alt",
  "arrows-rotate": "sync",
  "floppy-disk": "save",
  "right-from-bracket": "sign-out-alt",
  "right-to-bracket": "sign-in-alt",
  "message": "comment-alt",
  "earth-americas": "globe-americas",
  "scale-balanced": "balance-scale",
  "face-smile": "smile",
  "building-columns": "university",
  "wand-magic-sparkles": "magic",
  "wand-magic": "magic",
  "star-half-stroke": "star-half-alt",
  "heart-pulse": "heartbeat",
  "file-lines": "file-alt",
  "chart-simple": "chart-bar",
  "list-check": "tasks",
  "calendar-days": "calendar-alt",
  "paintbrush": "paint-brush",
  "circle-dot": "dot-circle",
  "champagne-glasses": "glass-cheers",
  "person": "male",
  "person-dress": "female",
  "id-card-clip": "id-card-alt",
  "volume-high": "volume-up",
};

export type Glyph = { name: string; code: number };

/** The icon a class list draws: the first token naming a glyph of the served font, or null. */
export function resolveIcon(icon: string | undefined): Glyph | null {
  for (const token of (icon ?? "").trim().split(/\s+/)) {
    if (!token.startsWith("fa-")) continue;
    const bare = token.slice(3);
    const name = FA_SOLID[bare] !== undefined ? bare : RENAMED[bare];
    if (name !== undefined && FA_SOLID[name] !== undefined) return { name, code: FA_SOLID[name] };
  }
  return null;
}

/** A Font Awesome glyph by its code point, in the served solid font. */
export const FaGlyph = ({ glyph, className = "" }: { glyph: Glyph; className?: string }) => {
  loadFont();
  return (
    <span className={`rbac-fa ${className}`} aria-hidden data-glyph={glyph.name}>
      {String.fromCodePoint(glyph.code)}
    </span>
  );
};

/** A role's icon: its glyph, or a marked empty square (with the classes as a tooltip) when it names none the font has. */
export const FaIcon = ({ icon }: { icon: string }) => {
  const glyph = resolveIcon(icon);
  return (
    <span className="rbac-icon" title={icon} data-icon={icon} data-drawn={glyph ? "true" : "false"}>
      {glyph ? <FaGlyph glyph={glyph} /> : <span className="rbac-fa-missing" aria-hidden />}
    </span>
  );
};

const ALL = Object.keys(FA_SOLID);
const SHOWN = 48;

/**
 * The icon field of the role form: the classes as typed (the server validates them), the glyph they
 * draw beside them, and a searchable grid of every icon the font can draw; choosing one writes
 * "fa-solid fa-<name>".
 */
export const IconField = ({
  value,
  onChange,
  invalid,
}: {
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
}) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const glyph = resolveIcon(value);
  const matches = useMemo(() => {
    const words = search.toLowerCase().replace(/\bfa-(solid|regular)\b/g, "").replace(/\bfa-/g, "").split(/\s+/).filter(Boolean);
    return ALL.filter((name) => words.every((w) => name.includes(w)));
  }, [search]);
  return (
    <div className="rbac-icon-field">
      <div className="rbac-icon-input">
        <span className="rbac-icon-current" data-testid="rbac-icon-preview" data-glyph={glyph?.name ?? ""} title={value}>
          {glyph ? <FaGlyph glyph={glyph} /> : <span className="rbac-fa-missing" aria-hidden />}
        </span>
        <TextInput
          id="rbac-icon"
          value={value}
          placeholder="fa-solid fa-crown"
          onChange={(_e, v) => onChange(v)}
          validated={invalid ? "error" : "default"}
          data-testid="rbac-icon"
        />
        <Button variant="secondary" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="rbac-icon-browse">
          {t("rbacIconBrowse")}
        </Button>
      </div>
      {open && (
        <div className="rbac-icon-picker" data-testid="rbac-icon-picker">
          <SearchInput
            aria-label={t("rbacIconSearch")}
            placeholder={t("rbacIconSearch")}
            value={search}
            onChange={(_e, v) => setSearch(v)}
            onClear={() => setSearch("")}
            data-testid="rbac-icon-search"
          />
          <div className="rbac-icon-grid" role="listbox" aria-label={t("rbacIcon")}>
            {matches.slice(0, SHOWN).map((name) => (
              <button
                type="button"
                key={name}
                role="option"
                aria-selected={glyph?.name === name}
                className={glyph?.name === name ? "rbac-icon-option rbac-icon-option-selected" : "rbac-icon-option"}
                title={`fa-${name}`}
                aria-label={name}
                data-testid={`rbac-icon-option-${name}`}
                onClick={() => {
                  onChange(`fa-solid fa-${name}`);
                  setOpen(false);
                }}
              >
                <FaGlyph glyph={{ name, code: FA_SOLID[name] }} />
              </button>
            ))}
          </div>
          <div className="rbac-icon-count" data-testid="rbac-icon-count">
            {t("rbacIconCount", { shown: Math.min(SHOWN, matches.length), count: matches.length })}
          </div>
        </div>
      )}
    </div>
  );
};
