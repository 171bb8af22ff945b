#!/usr/bin/env node
// The native plugin's entry, at the path the package's `bin` and users' wrapper scripts
// name (`pulumi-digicert/bin/provider/plugin/main.js`, docs/native-plugin.md): that path
// stays. The plugin itself lives in serving/plugin/.
import "../serving/plugin/main";
