/**
 * Build time: renders the app shell (src/app-shell.tsx) into index.html. The page's
 * #root holds the default language's shell; the others wait in <template>s that the
 * page's inline script swaps in when the URL asks for their language (?lang=en), before
 * the first layout. React replaces all of it when the app mounts.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Plugin } from "vite";
import { startupScript } from "./src/api/startup.ts";
import { AppShell } from "./src/app-shell.tsx";
import { LANGS, type Lang } from "./src/i18n/index.ts";
import { DEFAULT_STATE } from "./src/state/url-state.ts";

const ROOT_MARK = "<!--app-shell-->";
const TEMPLATES_MARK = "<!--app-shell-templates-->";
const STARTUP_MARK = "<!--startup-request-->";

export function appShellMarkup(lang: Lang): string {
  return renderToStaticMarkup(createElement(AppShell, { lang }));
}

/**
 * index.html with the shells in place of its two marks, and the startup request's script
 * (src/api/startup.ts) in place of its own; a page without the marks is returned as it is.
 */
export function withAppShell(html: string): string {
  html = html.replace(STARTUP_MARK, () => `<script>${startupScript()}</script>`);
  if (!html.includes(ROOT_MARK) || !html.includes(TEMPLATES_MARK)) return html;
  const templates = LANGS.filter((l) => l !== DEFAULT_STATE.lang)
    .map((l) => `<template id="app-shell-${l}">${appShellMarkup(l)}</template>`)
    .join("");
  return html.replace(ROOT_MARK, () => appShellMarkup(DEFAULT_STATE.lang)).replace(TEMPLATES_MARK, () => templates);
}

export function appShell(): Plugin {
  return { name: "atlas-app-shell", transformIndexHtml: { order: "pre", handler: withAppShell } };
}
