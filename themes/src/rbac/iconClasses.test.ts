// Unit tests of the icon classes a role may carry (iconClasses.ts), run by `npm test` like rules.test.ts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DRAWABLE, iconClasses, resolveIcon, searchIcons } from "./iconClasses.js";

const drawn = (icon: string) => {
  const g = resolveIcon(icon);
  return g && `${g.style} ${g.name}`;
};

describe("resolveIcon", () => {
  it("draws brand and regular icons in their own fonts", () => {
    assert.equal(drawn("fa-brands fa-github"), "brands github");
    assert.equal(drawn("fa-brands fa-discord"), "brands discord");
    assert.equal(drawn("fa-regular fa-bell"), "regular bell");
    assert.equal(drawn("fa-solid fa-bell"), "solid bell");
    assert.equal(resolveIcon("fa-brands fa-github")?.code, 0xf09b);
  });

  it("takes solid when no style is named, and the style the icon has when the named one is not free", () => {
    assert.equal(drawn("fa-bell"), "solid bell");
    assert.equal(drawn("fa-github"), "brands github");
    assert.equal(drawn("fa-regular fa-gavel"), "solid gavel");
    assert.equal(drawn("fa-solid fa-github"), "brands github");
  });

  it("knows former names and ignores tokens that are no icon", () => {
    assert.equal(drawn("fa-solid fa-home"), "solid house");
    assert.equal(drawn("fa-solid fa-shield-alt"), "solid shield-halved");
    assert.equal(drawn("fa-fw fa-lg fa-solid fa-crown"), "solid crown");
    assert.equal(resolveIcon("fa-solid fa-not-an-icon"), null);
    assert.equal(resolveIcon("fa-solid"), null);
    assert.equal(resolveIcon(""), null);
    assert.equal(resolveIcon(undefined), null);
  });
});

describe("searchIcons", () => {
  it("finds each style of a name, and a style word keeps that style only", () => {
    const bells = searchIcons("bell").filter((g) => g.name === "bell").map((g) => g.style);
    assert.deepEqual(bells, ["solid", "regular"]);
    assert.deepEqual(
      searchIcons("fa-brands github").map((g) => g.name).filter((n) => n === "github"),
      ["github"],
    );
    assert.ok(searchIcons("fa-brands").every((g) => g.style === "brands"));
    assert.ok(searchIcons("regular").length > 100);
  });

  it("finds an icon by a former name, and every drawable icon with an empty search", () => {
    assert.ok(searchIcons("home").some((g) => g.name === "house" && g.style === "solid"));
    assert.equal(searchIcons("").length, DRAWABLE);
    assert.ok(DRAWABLE > 2000, `${DRAWABLE} drawable icons`);
  });

  it("writes the classes that draw the chosen glyph back", () => {
    for (const g of [...searchIcons("fa-brands git"), ...searchIcons("fa-regular bell")]) {
      assert.deepEqual(resolveIcon(iconClasses(g)), g);
    }
  });
});
