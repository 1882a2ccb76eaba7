import { zhHans, type Catalogue, type MessageKey } from "./zh-Hans.ts";

export type { Catalogue, MessageKey };

export const LANGS = ["zh-Hans", "zh-Hant", "en"] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The catalogues this page has: simplified Chinese, the default, is always here; the other two
 * are downloaded when the page first needs them (loadLanguage), so the map page's first
 * download carries one language, not three. catalogues.ts provides all three at once (the
 * HTML frames written at build time, the tests).
 */
const loaded: Partial<Record<Lang, Catalogue>> = { "zh-Hans": zhHans };
const pending = new Map<Lang, Promise<void>>();
const LOADERS: Record<Exclude<Lang, "zh-Hans">, () => Promise<Catalogue>> = {
  "zh-Hant": () => import("./zh-Hant.ts").then((m) => m.zhHant),
  en: () => import("./en.ts").then((m) => m.en),
};

/** Whether `lang`'s catalogue is here, so translator(lang) speaks it. */
export function hasLanguage(lang: Lang): boolean {
  return lang in loaded;
}

/** Makes a catalogue available without a download (catalogues.ts). */
export function provideLanguage(lang: Lang, catalogue: Catalogue): void {
  loaded[lang] = catalogue;
}

/** Downloads `lang`'s catalogue, once; resolves at once when it is here. */
export function loadLanguage(lang: Lang): Promise<void> {
  if (hasLanguage(lang)) return Promise.resolve();
  let p = pending.get(lang);
  if (!p) {
    p = LOADERS[lang as Exclude<Lang, "zh-Hans">]().then((c) => provideLanguage(lang, c));
    p.catch(() => pending.delete(lang)); // a failed download may be tried again
    pending.set(lang, p);
  }
  return p;
}

/** The names each language calls itself by, for the switcher. */
export const langNames: Record<Lang, string> = { "zh-Hans": "简体", "zh-Hant": "繁體", en: "English" };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A translator for one language (simplified Chinese until its catalogue is here); `{name}` placeholders are filled from vars. */
export function translator(lang: Lang): Translate {
  const cat = loaded[lang] ?? zhHans;
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
