/**
 * The page's entry. The order is the point:
 *
 * 1. The startup request the HTML made while it was parsed (api/startup.ts) goes to the
 *    query cache, where the app's hooks will find its answers.
 * 2. The map is created in the HTML's frame (map/map-start.ts): its style loads and its
 *    workers start from here on, largely off this thread.
 * 3. The places from the startup answer go on the map (map-start.ts drawStartupPlaces);
 *    the app renders once they are drawn (appMayMount: at once when they will not be,
 *    1.5 s after navigation at the latest), so its first render does not take the main
 *    thread from the map's first frames. MapView adopts the map, our layers go on it with
 *    whatever data has arrived, and the panels follow.
 */
import { takeStartupRequest } from "./api/startup.ts";
import { loadLanguage } from "./i18n/index.ts";
import { appMayMount, startMap } from "./map/map-start.ts";
import { mount } from "./mount.tsx";
import { parseUrlState } from "./state/url-state.ts";
import "./styles.css";

void takeStartupRequest();
const started = startMap(document.querySelector("#root .map-area"));
const root = document.getElementById("root");
// The app renders once the places from the startup answer are drawn (or will not be, or at 1.5 s: appMayMount), in
// the page's language, downloaded meanwhile (simplified Chinese is in the bundle).
if (root) {
  const language = loadLanguage(parseUrlState(window.location.search).lang).catch(() => undefined);
  void Promise.all([language, appMayMount(started)]).then(() => mount(root));
}
