/**
 * GraphQL Code Generator: the client's operation types, generated from the
 * schema the server serves (server/schema.graphql, itself checked by
 * test/server/api/contract.test.ts). Write an operation as
 * `graphql(\`query Name … \`)` imported from `client/src/api/gql`, then run
 * `npm run codegen`; `npm test` fails while client/src/api/gql is stale
 * (test/client/codegen.test.ts).
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "server/schema.graphql",
  documents: ["client/src/**/*.{ts,tsx}", "!client/src/api/gql/**"],
  ignoreNoDocuments: true,
  generates: {
    "client/src/api/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        // the client sends query text, never an AST: strings keep the bundle small
        documentMode: "string",
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        scalars: {
          Date: { input: "string", output: "string" },
          DateTime: { input: "string", output: "string" },
          GeoJSON: { input: "GeoJSON.Geometry", output: "GeoJSON.Geometry" },
        },
      },
    },
  },
};

export default config;
