/**
 * All three catalogues at once, for what runs outside the map page: the HTML frames written at
 * build time (client/app-shell.ts) and the tests. Importing this module makes every language
 * available to translator() without a download; the page itself loads them one by one (index.ts).
 */
import { en } from "./en.ts";
import { provideLanguage, type Catalogue, type Lang } from "./index.ts";
import { zhHans } from "./zh-Hans.ts";
import { zhHant } from "./zh-Hant.ts";

export const catalogues: Record<Lang, Catalogue> = { "zh-Hans": zhHans, "zh-Hant": zhHant, en };

for (const [lang, catalogue] of Object.entries(catalogues)) provideLanguage(lang as Lang, catalogue);
