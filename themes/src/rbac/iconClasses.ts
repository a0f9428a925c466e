// Issue #15 item 8: which Font Awesome Free glyph a role's icon classes draw, and the picker's search.
// Pure (no DOM) so that `npm test` checks it; FaIcon.tsx draws the result with the shipped fonts.
import { FA_ALIASES, FA_BRANDS, FA_ICONS, FA_REGULAR, FA_SOLID } from "./faGlyphs.js";

export type FaStyle = "solid" | "regular" | "brands";
export type Glyph = { name: string; code: number; style: FaStyle };

const STYLES: readonly (readonly [FaStyle, number])[] = [
  ["solid", FA_SOLID],
  ["regular", FA_REGULAR],
  ["brands", FA_BRANDS],
];
const STYLE_TOKENS: Record<string, FaStyle> = { "fa-solid": "solid", "fa-regular": "regular", "fa-brands": "brands" };

/** The current name of an icon name or a former one (fa-home → house), or undefined. */
export function iconName(bare: string): string | undefined {
  if (FA_ICONS[bare] !== undefined) return bare;
  const current = FA_ALIASES[bare];
  return current !== undefined && FA_ICONS[current] !== undefined ? current : undefined;
}

/**
 * The glyph a class list draws: the first token naming a Font Awesome Free icon (or a former name
 * of one), in the style its style token asks for (fa-solid, fa-regular, fa-brands). Where the icon
 * lacks that style in the free set (fa-regular fa-gavel) or no style is named, it is drawn in the
 * first style it has, solid before regular before brands, as Font Awesome's own default is solid.
 * Other tokens (fa-fw, fa-lg, fa-spin, ...) change nothing. Null when no token names an icon.
 */
export function resolveIcon(icon: string | undefined): Glyph | null {
  const tokens = (icon ?? "").trim().split(/\s+/);
  const asked = tokens.map((t) => STYLE_TOKENS[t]).filter((s): s is FaStyle => s !== undefined).pop();
  for (const token of tokens) {
    if (!token.startsWith("fa-") || STYLE_TOKENS[token]) continue;
    const name = iconName(token.slice(3));
    if (name === undefined) continue;
    const [code, bits] = FA_ICONS[name];
    const style = STYLES.find(([s, bit]) => s === asked && bits & bit)?.[0] ?? STYLES.find(([, bit]) => bits & bit)![0];
    return { name, code, style };
  }
  return null;
}

/** The classes that draw a glyph, as the picker writes them. */
export const iconClasses = (glyph: { name: string; style: FaStyle }) => `fa-${glyph.style} fa-${glyph.name}`;

/** Every drawable (style, icon) pair, solid first, each style by name. */
const ALL: readonly Glyph[] = STYLES.flatMap(([style, bit]) =>
  Object.entries(FA_ICONS)
    .filter(([, [, bits]]) => bits & bit)
    .map(([name, [code]]) => ({ name, code, style }))
    .sort((a, b) => a.name.localeCompare(b.name)),
);
const FORMER: Record<string, string[]> = {};
for (const [alias, name] of Object.entries(FA_ALIASES)) (FORMER[name] ??= []).push(alias);

/** How many icons the picker can offer (styles counted apart: the regular bell and the solid bell are two). */
export const DRAWABLE = ALL.length;

/**
 * The picker's search: every word must be in the icon's name or a former name; a style token
 * (fa-brands, fa-regular, fa-solid, or the bare words brands/regular/solid) keeps that style only.
 */
export function searchIcons(search: string): Glyph[] {
  let style: FaStyle | undefined;
  const words: string[] = [];
  for (const raw of search.toLowerCase().split(/\s+/).filter(Boolean)) {
    const word = raw.startsWith("fa-") ? raw.slice(3) : raw;
    if (word === "solid" || word === "regular" || word === "brands") style = word;
    else words.push(word);
  }
  return ALL.filter(
    (g) =>
      (style === undefined || g.style === style) &&
      words.every((w) => g.name.includes(w) || (FORMER[g.name] ?? []).some((former) => former.includes(w))),
  );
}
