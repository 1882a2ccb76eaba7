/**
 * The page's entry. The order is the point:
 *
 * 1. The startup request the HTML made while it was parsed (api/startup.ts) goes to the
 *    query cache, where the app's hooks will find its answers.
 * 2. The map is created in the HTML's frame (map/map-start.ts): its style loads and its
 *    workers start from here on, largely off this thread.
 * 3. The app renders meanwhile (React, the panels, the other queries); MapView adopts
 *    the map, and our layers go on it with whatever data has arrived.
 */
import { takeStartupRequest } from "./api/startup.ts";
import { loadLanguage } from "./i18n/index.ts";
import { startMap } from "./map/map-start.ts";
import { mount } from "./mount.tsx";
import { parseUrlState } from "./state/url-state.ts";
import "./styles.css";

void takeStartupRequest();
startMap(document.querySelector("#root .map-area"));
const root = document.getElementById("root");
// the page's language is downloaded before the app renders in it (simplified Chinese is in the bundle)
if (root)
  void loadLanguage(parseUrlState(window.location.search).lang).then(
    () => mount(root),
    () => mount(root),
  );
