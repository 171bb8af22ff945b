// The module every serialized provider in a stack's state requires by path:
// `pulumi-digicert/bin/provider/resources/host` (this release's `serve`, 0.1.0's
// `install`, earlier ones' `provider` and `configure`). The path is a promise to stacks
// already written, so it stays; the dynamic serving itself lives in serving/dynamic/.
export { serve, install, provider, configure, context } from "../serving/dynamic/host";
