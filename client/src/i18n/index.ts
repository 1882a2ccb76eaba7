import { en } from "./en.ts";
import { zhHans, type Catalogue, type MessageKey } from "./zh-Hans.ts";
import { zhHant } from "./zh-Hant.ts";

export type { Catalogue, MessageKey };

export const LANGS = ["zh-Hans", "zh-Hant", "en"] as const;
export type Lang = (typeof LANGS)[number];

export const catalogues: Record<Lang, Catalogue> = { "zh-Hans": zhHans, "zh-Hant": zhHant, en };

/** The names each language calls itself by, for the switcher. */
export const langNames: Record<Lang, string> = { "zh-Hans": "简体", "zh-Hant": "繁體", en: "English" };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A translator for one language; `{name}` placeholders are filled from vars. */
export function translator(lang: Lang): Translate {
  const cat = catalogues[lang];
  return (key, vars) => {
    const text = cat[key] ?? zhHans[key] ?? key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

/** The API's script argument for a UI language; English uses the *En fields and falls back to simplified. */
export function scriptFor(lang: Lang): "HANS" | "HANT" {
  return lang === "zh-Hant" ? "HANT" : "HANS";
}

/** Pick the English name when the UI is English and one exists, else the scripted name. */
export function pickName(lang: Lang, name: string, nameEn: string | null | undefined): string {
  return lang === "en" && nameEn ? nameEn : name;
}
