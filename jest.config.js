// Every test is under test/ (docs/dev/testing.md). Two projects (docs/dev/engine.md):
// `unit` runs no Pulumi engine (seconds: `make test-unit`); `engine` is every test under
// test/engine/, which runs the real engine `make engine` recorded (end to end,
// reliability, gen-sdk, and the crash suite of test/engine/crash/: `make test-engine`;
// `make test-crash` runs the crash suite alone). `make test` runs both.
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
      roots: ["<rootDir>/test"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/engine/"],
      // engine/engine-env.ts refuses to hand out an engine in this project.
      setupFiles: ["<rootDir>/test/support/unit-project.ts"],
    },
    {
      ...common,
      displayName: "engine",
      roots: ["<rootDir>/test/engine"],
    },
  ],
};
