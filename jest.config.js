// Two projects (docs/dev/engine.md): `unit` runs no Pulumi engine (seconds: `make
// test-unit`); `engine` is every test under test/engine/, which runs the real engine
// `make engine` recorded (end to end, reliability, gen-sdk: `make test-engine`).
// `make test` runs both.
const fs = require("fs");
const path = require("path");

const common = {
  preset: "ts-jest",
  testEnvironment: "node",
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: "unit",
      // provider/simulator moves to simulator/: whichever of them exists.
      roots: ["provider", "simulator", "sdk", "tools", "test"].filter((d) => fs.existsSync(path.join(__dirname, d))).map((d) => `<rootDir>/${d}`),
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/engine/"],
      // tools/engine-env.ts refuses to hand out an engine in this project.
      setupFiles: ["<rootDir>/test/support/unit-project.ts"],
    },
    {
      ...common,
      displayName: "engine",
      roots: ["<rootDir>/test/engine"],
    },
  ],
};
