// Set up before every test of the jest project `unit`, which runs no Pulumi engine:
// engine/engine-env.ts refuses to hand one out, so an engine test placed outside
// test/engine/ fails at once, saying where it belongs. (Each test file gets its own
// copy of process.env, so the `engine` project never sees this.)
process.env["DIGICERT_TEST_PROJECT"] = "unit";
