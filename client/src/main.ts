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
import { startMap } from "./map/map-start.ts";
import { mount } from "./mount.tsx";
import "./styles.css";

void takeStartupRequest();
startMap(document.querySelector("#root .map-area"));
const root = document.getElementById("root");
if (root) mount(root);
