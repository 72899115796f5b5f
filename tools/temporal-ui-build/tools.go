//go:build tools

// Builds the Temporal Web UI server (github.com/temporalio/ui-server/v2) at the version required in
// go.mod, with two dependency versions that the module proxy serves here in place of ones it
// refuses (echo v4.16.1, go.temporal.io/api v1.64.0). cluster/binaries.ts runs the build.
package tools

import _ "github.com/temporalio/ui-server/v2/cmd/server"
